from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/search")
def handle(target: str = ""):
    param = target
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", param, secure=False, httponly=True)
    return response
