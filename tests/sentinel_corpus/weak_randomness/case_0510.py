import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def view(term: str = ""):
    text = term
    nonce = os.urandom(16).hex()
    return {"ok": True}
