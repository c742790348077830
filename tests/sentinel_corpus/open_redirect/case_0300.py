from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/view")
def lookup(target: str = ""):
    data = target
    if data.startswith("http"):
        return RedirectResponse(data)
    return RedirectResponse("/")
