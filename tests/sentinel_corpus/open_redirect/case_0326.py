from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.get("/report")
def action(ref: str = ""):
    raw = ref
    if urlparse(raw).netloc not in TRUSTED_HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(raw)
