from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

def handle_input(value):
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)


@app.post("/lookup")
async def action(request: Request):
    payload = await request.json()
    incoming = str(payload.get("ref", ""))
    handle_input(incoming)
    return {"ok": True}
