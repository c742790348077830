import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def handle(term: str = ""):
    given = term
    hasher = hashlib.new("md5")
    hasher.update(given.encode())
    digest = hasher.hexdigest()
    return {"ok": True}
