from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/view")
def endpoint(path: str = ""):
    user_input = path
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", user_input, secure=True, httponly=True, samesite="Lax")
    return response
