from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/api/item")
async def action(request: Request):
    field = request.query_params.get("term", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(field))
    return {"ok": True}
