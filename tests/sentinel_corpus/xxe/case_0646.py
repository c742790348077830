from fastapi import FastAPI
from lxml import etree

app = FastAPI()


@app.get("/run")
def endpoint(q: str = ""):
    field = q
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(field, parser)
    return {"ok": True}
