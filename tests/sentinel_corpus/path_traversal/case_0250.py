from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def process(request: Request):
    payload = await request.json()
    data = str(payload.get("user", ""))
    with open("/var/www/static/" + data, "rb") as fh:
        content = fh.read()
    return {"ok": True}
