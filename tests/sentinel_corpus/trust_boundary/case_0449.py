from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def handle(request: Request):
    user_input = request.query_params.get("q", "")
    request.session.update({"user": user_input})
    return {"ok": True}
