from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def apply_request(value):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(value.encode(), parser)


@app.get("/run")
def endpoint(term: str = ""):
    text = term
    apply_request(text)
    return {"ok": True}
