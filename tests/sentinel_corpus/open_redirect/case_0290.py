from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/run")
def endpoint(value: str = ""):
    arg = value
    target = arg or "/"
    return RedirectResponse(target)
