import hashlib
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def execute_step(value):
    digest = hashlib.sha256(value.encode()).hexdigest()


@app.post("/report")
async def action(request: Request):
    payload = await request.json()
    incoming = str(payload.get("host", ""))
    execute_step(incoming)
    return {"ok": True}
