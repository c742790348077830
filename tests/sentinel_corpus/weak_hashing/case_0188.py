import hashlib
from fastapi import FastAPI

app = FastAPI()

def do_work(value):
    digest = hashlib.sha256(value.encode()).hexdigest()


@app.get("/search")
def endpoint(item: str = ""):
    param = item
    do_work(param)
    return {"ok": True}
