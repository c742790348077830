from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

ALLOWED = {"/", "/home", "/account"}


@app.get("/lookup")
def lookup(item: str = ""):
    raw = item
    if raw not in ALLOWED:
        return RedirectResponse("/")
    return RedirectResponse(raw)
