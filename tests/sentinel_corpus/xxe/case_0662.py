from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/report")
async def endpoint(request: Request):
    payload = await request.json()
    field = str(payload.get("term", ""))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(field.encode(), parser)
    return {"ok": True}
