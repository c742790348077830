from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/view")
async def action(request: Request):
    arg = request.query_params.get("value", "")
    doc = etree.fromstring(arg.encode(), etree.XMLParser(resolve_entities=True, no_network=False))
    return {"ok": True}
