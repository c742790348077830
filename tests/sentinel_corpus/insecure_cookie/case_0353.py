from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/search")
def endpoint(value: str = ""):
    param = value
    response = JSONResponse({"ok": True})
    response.set_cookie("cart", param, httponly=False, secure=True)
    return response
