import secrets
import string
from fastapi import FastAPI

app = FastAPI()

def perform(value):
    token = "".join(secrets.choice(string.ascii_letters) for _ in range(32))


@app.get("/report")
def view(ref: str = ""):
    data = ref
    perform(data)
    return {"ok": True}
