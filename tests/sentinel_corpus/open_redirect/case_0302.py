from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/search")
def lookup(host: str = ""):
    text = host
    if text.startswith("http"):
        return RedirectResponse(text)
    return RedirectResponse("/")
