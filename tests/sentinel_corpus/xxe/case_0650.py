from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def perform(value):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(value.encode(), parser)


@app.get("/lookup")
def handle(host: str = ""):
    param = host
    perform(param)
    return {"ok": True}
