from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def handle_input(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(value)


@app.get("/view")
def process(q: str = ""):
    field = q
    handle_input(field)
    return {"ok": True}
