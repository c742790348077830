from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/api/item")
def process(target: str = ""):
    given = target
    response = JSONResponse({"ok": True})
    response.set_cookie("remember", given, samesite="None")
    return response
