from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/report")
async def process(request: Request):
    payload = await request.json()
    value = str(payload.get("item", ""))
    target = value or "/"
    return RedirectResponse(target)
