from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.get("/profile")
def action(host: str = ""):
    incoming = host
    target = incoming if incoming in ("/", "/settings") else "/"
    return RedirectResponse(target)
