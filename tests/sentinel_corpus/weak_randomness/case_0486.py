import random
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def apply_request(value):
    reset_code = random.randint(100000, 999999)


@app.post("/report")
async def process(request: Request):
    given = request.query_params.get("user", "")
    apply_request(given)
    return {"ok": True}
