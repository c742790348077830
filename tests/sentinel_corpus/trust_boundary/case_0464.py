from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def endpoint(request: Request):
    payload = await request.json()
    param = str(payload.get("value", ""))
    request.session["page_size"] = int(param)
    return {"ok": True}
