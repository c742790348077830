from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/run")
def view(value: str = ""):
    incoming = value
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", incoming, httponly=False)
    return response
