from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/run")
async def view(request: Request):
    payload = await request.json()
    arg = str(payload.get("q", ""))
    target = arg if arg in ("/", "/settings") else "/"
    return RedirectResponse(target)
