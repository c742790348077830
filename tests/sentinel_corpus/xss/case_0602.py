from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def lookup(request: Request):
    payload = await request.json()
    user_input = str(payload.get("host", ""))
    return {"echo": user_input}
