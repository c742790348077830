from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/view")
async def view(request: Request):
    arg = request.query_params.get("item", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + arg + "']")
    return {"ok": True}
