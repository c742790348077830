import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def process(host: str = ""):
    raw = host
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return {"ok": True}
