from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.get("/search")
def lookup(q: str = ""):
    text = q
    if urlparse(text).netloc not in TRUSTED_HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(text)
