from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/report")
async def handle(request: Request):
    payload = await request.json()
    incoming = str(payload.get("path", ""))
    target = incoming or "/"
    return RedirectResponse(target)
