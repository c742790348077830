from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/api/item")
def action(target: str = ""):
    arg = target
    target = arg or "/"
    return RedirectResponse(target)
