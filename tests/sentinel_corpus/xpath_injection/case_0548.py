from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def perform(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


@app.get("/run")
def endpoint(term: str = ""):
    param = term
    perform(param)
    return {"ok": True}
