from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.post("/lookup")
async def endpoint(request: Request):
    payload = await request.json()
    arg = str(payload.get("doc", ""))
    if urlparse(arg).netloc not in TRUSTED_HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(arg)
