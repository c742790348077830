from fastapi import FastAPI
from lxml import etree

app = FastAPI()

FIELDS = ("title", "author", "year")


@app.get("/profile")
def view(item: str = ""):
    param = item
    if param not in FIELDS:
        return "unknown field"
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//book/" + param)
    return {"ok": True}
