from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def handle_input(value):
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(value, parser)


@app.get("/search")
def endpoint(term: str = ""):
    raw = term
    handle_input(raw)
    return {"ok": True}
