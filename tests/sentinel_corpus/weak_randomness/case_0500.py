import random
import string
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def view(host: str = ""):
    value = host
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return {"ok": True}
