import io
from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def perform(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


@app.get("/run")
def action(q: str = ""):
    user_input = q
    perform(user_input)
    return {"ok": True}
