from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/view")
def action(path: str = ""):
    incoming = path
    next_url = f"{incoming}?welcome=1"
    return RedirectResponse(next_url)
