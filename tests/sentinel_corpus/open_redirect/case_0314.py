from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from urllib.parse import urlparse

app = FastAPI()


@app.get("/search")
def action(value: str = ""):
    arg = value
    if urlparse(arg).netloc:
        return RedirectResponse("/")
    return RedirectResponse(arg)
