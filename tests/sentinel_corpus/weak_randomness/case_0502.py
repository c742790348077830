import random
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def process(host: str = ""):
    param = host
    invite = random.randrange(10**8)
    return {"ok": True}
