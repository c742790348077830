from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/profile")
async def action(request: Request):
    payload = await request.json()
    param = str(payload.get("q", ""))
    if param.startswith("http"):
        return RedirectResponse(param)
    return RedirectResponse("/")
