from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

OPS = {"double": "x * 2", "square": "x ** 2"}


def execute_step(value):
    if value in OPS:
        result = eval(OPS[value], {'x': 3})


@app.post("/report")
async def handle(request: Request):
    payload = await request.json()
    raw = str(payload.get("host", ""))
    execute_step(raw)
    return {"ok": True}
