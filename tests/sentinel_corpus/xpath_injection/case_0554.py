from fastapi import FastAPI
from lxml import etree

app = FastAPI()

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title=$title]")
    nodes = finder(tree, title=value)


@app.get("/profile")
def handle(user: str = ""):
    param = user
    execute_step(param)
    return {"ok": True}
