from fastapi import FastAPI
from lxml import etree

app = FastAPI()


@app.get("/lookup")
def process(ref: str = ""):
    raw = ref
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name=$name]", name=raw)
    return {"ok": True}
