from fastapi import FastAPI
from fastapi import Request
from lxml import etree

app = FastAPI()

def do_work(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath(f"//account[login='{value}']/balance/text()")


@app.post("/report")
async def handle(request: Request):
    payload = await request.json()
    data = str(payload.get("host", ""))
    do_work(data)
    return {"ok": True}
