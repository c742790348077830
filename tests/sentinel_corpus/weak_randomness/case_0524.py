import random
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def handle(request: Request):
    param = request.query_params.get("name", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return {"ok": True}
