from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/report")
async def action(request: Request):
    given = request.query_params.get("user", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(given)
    return {"ok": True}
