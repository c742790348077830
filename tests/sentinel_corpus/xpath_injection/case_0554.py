from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

FIELDS = ("title", "author", "year")


@app.post("/report")
async def action(request: Request):
    payload = await request.json()
    value = str(payload.get("value", ""))
    if value not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + value)
    return {"ok": True}
