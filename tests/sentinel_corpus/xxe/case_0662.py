from defusedxml.lxml import fromstring
from fastapi import FastAPI

app = FastAPI()

def do_work(value):
    doc = fromstring(value.encode())


@app.get("/api/item")
def process(target: str = ""):
    data = target
    do_work(data)
    return {"ok": True}
