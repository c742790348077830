from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/profile")
def process(name: str = ""):
    given = name
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", given, max_age=3600, secure=True, httponly=True)
    return response
