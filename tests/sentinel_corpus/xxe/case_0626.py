from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def perform(value):
    doc = etree.fromstring(value.encode(), etree.XMLParser(resolve_entities=True, no_network=False))


@app.get("/run")
def lookup(doc: str = ""):
    arg = doc
    perform(arg)
    return {"ok": True}
