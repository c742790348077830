import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def process(user: str = ""):
    raw = user
    digest = hashlib.blake2b(raw.encode(), digest_size=32).hexdigest()
    return {"ok": True}
