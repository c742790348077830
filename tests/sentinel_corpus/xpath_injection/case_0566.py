from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/view")
async def endpoint(request: Request):
    field = request.query_params.get("q", "")
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=field)
    return {"ok": True}
