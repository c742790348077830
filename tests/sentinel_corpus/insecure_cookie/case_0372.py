from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/report")
def lookup(value: str = ""):
    field = value
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", field, max_age=3600, secure=True, httponly=True)
    return response
