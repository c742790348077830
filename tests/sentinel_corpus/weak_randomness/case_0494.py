import random
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def action(request: Request):
    raw = request.query_params.get("user", "")
    reset_code = random.randint(100000, 999999)
    return {"ok": True}
