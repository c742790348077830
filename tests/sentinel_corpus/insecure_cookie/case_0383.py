from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/view")
def lookup(path: str = ""):
    text = path
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", text, secure=True, httponly=True, samesite="Lax")
    return response
