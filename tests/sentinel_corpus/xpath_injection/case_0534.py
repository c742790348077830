from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


@app.post("/api/item")
async def view(request: Request):
    incoming = request.query_params.get("value", "")
    perform(incoming)
    return {"ok": True}
