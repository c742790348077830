import hashlib
from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def handle(host: str = ""):
    arg = host
    hasher = hashlib.new("md5")
    hasher.update(arg.encode())
    digest = hasher.hexdigest()
    return {"ok": True}
