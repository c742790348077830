import random
from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def handle(host: str = ""):
    value = host
    reset_code = random.randint(100000, 999999)
    return {"ok": True}
