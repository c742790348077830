from fastapi import FastAPI
from lxml import etree

app = FastAPI()


@app.get("/report")
def process(doc: str = ""):
    data = doc
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{data}']/balance/text()")
    return {"ok": True}
