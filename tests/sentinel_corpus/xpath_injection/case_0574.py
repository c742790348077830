from fastapi import FastAPI
from lxml import etree

app = FastAPI()


@app.get("/search")
def action(path: str = ""):
    data = path
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=data)
    return {"ok": True}
