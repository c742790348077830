from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def apply_request(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


@app.get("/report")
def view(ref: str = ""):
    raw = ref
    apply_request(raw)
    return {"ok": True}
