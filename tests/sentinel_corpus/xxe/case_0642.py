import io
from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def execute_step(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


@app.get("/lookup")
def action(user: str = ""):
    param = user
    execute_step(param)
    return {"ok": True}
