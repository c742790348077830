from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()


@app.get("/view")
def process(host: str = ""):
    value = host
    if urlparse(value).netloc:
        return RedirectResponse("/")
    return RedirectResponse(value)
