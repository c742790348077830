from defusedxml.lxml import fromstring
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def endpoint(path: str = ""):
    user_input = path
    doc = fromstring(user_input.encode())
    return {"ok": True}
