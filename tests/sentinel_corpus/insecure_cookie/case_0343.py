from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/profile")
def endpoint(user: str = ""):
    user_input = user
    response = JSONResponse({"ok": True})
    response.set_cookie("prefs", user_input, samesite="None")
    return response
