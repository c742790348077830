from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    payload = await request.json()
    user_input = str(payload.get("value", ""))
    request.session["user"] = "guest-" + user_input
    return {"ok": True}
