from fastapi import FastAPI
from lxml import etree

app = FastAPI()


@app.get("/api/item")
def view(path: str = ""):
    text = path
    parser = etree.XMLParser(no_network=False)
    root = etree.XML(text, parser)
    return {"ok": True}
