import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def action(name: str = ""):
    incoming = name
    digest = hashlib.blake2b(incoming.encode(), digest_size=32).hexdigest()
    return {"ok": True}
