from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()


@app.get("/search")
def action(ref: str = ""):
    given = ref
    response = JSONResponse({"ok": True})
    response.set_cookie("session_id", given, httponly=False)
    return response
