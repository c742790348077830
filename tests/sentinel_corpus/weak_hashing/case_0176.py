import hashlib
import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def endpoint(term: str = ""):
    user_input = term
    salt = os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", user_input.encode(), salt, 600_000)
    return {"ok": True}
