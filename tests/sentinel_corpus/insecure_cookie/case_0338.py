from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/report")
def view(host: str = ""):
    user_input = host
    response = JSONResponse({"ok": True})
    response.set_cookie("auth", user_input, secure=False)
    return response
