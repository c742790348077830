import io
from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    payload = await request.json()
    field = str(payload.get("name", ""))
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(field.encode()), parser=parser)
    return {"ok": True}
