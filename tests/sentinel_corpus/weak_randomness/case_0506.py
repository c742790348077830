import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def endpoint(item: str = ""):
    field = item
    nonce = os.urandom(16).hex()
    return {"ok": True}
