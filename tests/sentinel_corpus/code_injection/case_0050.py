from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def apply_request(value):
    result = eval(value)


@app.post("/report")
async def action(request: Request):
    payload = await request.json()
    given = str(payload.get("host", ""))
    apply_request(given)
    return {"ok": True}
