from fastapi import FastAPI
from hashlib import md5

app = FastAPI()


@app.get("/profile")
def action(host: str = ""):
    text = host
    token = md5(text.encode()).hexdigest()
    return {"ok": True}
