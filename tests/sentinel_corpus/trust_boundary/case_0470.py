from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

ROLES = {"viewer", "editor"}


@app.post("/search")
async def view(request: Request):
    given = request.query_params.get("doc", "")
    if given in ROLES:
        request.session["role"] = given
    return {"ok": True}
