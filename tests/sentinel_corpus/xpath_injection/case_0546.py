from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/search")
async def process(request: Request):
    value = request.query_params.get("value", "")
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(value)
    nodes = root.xpath(query)
    return {"ok": True}
