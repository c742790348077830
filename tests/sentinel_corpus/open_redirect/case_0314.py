from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

ALLOWED = {"/", "/home", "/account"}


@app.get("/report")
def action(path: str = ""):
    raw = path
    if raw not in ALLOWED:
        return RedirectResponse("/")
    return RedirectResponse(raw)
