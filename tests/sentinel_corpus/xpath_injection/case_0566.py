from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

FIELDS = ("title", "author", "year")


@app.post("/lookup")
async def lookup(request: Request):
    payload = await request.json()
    data = str(payload.get("path", ""))
    if data not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + data)
    return {"ok": True}
