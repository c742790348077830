import random
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/search")
async def view(request: Request):
    arg = request.query_params.get("path", "")
    otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))
    return {"ok": True}
