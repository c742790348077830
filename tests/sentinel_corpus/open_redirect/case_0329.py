from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()


@app.post("/lookup")
async def action(request: Request):
    raw = request.query_params.get("target", "")
    if urlparse(raw).netloc:
        return RedirectResponse("/")
    return RedirectResponse(raw)
