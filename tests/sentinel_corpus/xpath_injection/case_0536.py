from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

def apply_request(value):
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(value)
    nodes = root.xpath(query)


@app.post("/report")
async def process(request: Request):
    payload = await request.json()
    given = str(payload.get("item", ""))
    apply_request(given)
    return {"ok": True}
