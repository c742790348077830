import random
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/profile")
async def handle(request: Request):
    param = request.query_params.get("user", "")
    invite = random.randrange(10**8)
    return {"ok": True}
