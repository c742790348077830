from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/api/item")
def process(target: str = ""):
    given = target
    target = given or "/"
    return RedirectResponse(target)
