from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()

TRUSTED_HOSTS = {"example.org", "www.example.org"}


@app.get("/search")
def view(value: str = ""):
    value = value
    if urlparse(value).netloc not in TRUSTED_HOSTS:
        return RedirectResponse("/")
    return RedirectResponse(value)
