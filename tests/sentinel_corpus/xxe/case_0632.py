from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()


@app.post("/search")
async def view(request: Request):
    payload = await request.json()
    field = str(payload.get("host", ""))
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(field, parser)
    return {"ok": True}
