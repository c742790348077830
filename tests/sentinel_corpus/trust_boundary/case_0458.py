from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/search")
async def endpoint(request: Request):
    arg = request.query_params.get("item", "")
    request.session["theme"] = arg if arg in ("dark", "light") else "light"
    return {"ok": True}
