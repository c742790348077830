import secrets
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def lookup(value: str = ""):
    user_input = value
    session_key = secrets.token_hex(16)
    return {"ok": True}
