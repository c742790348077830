from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def process(request: Request):
    incoming = request.query_params.get("name", "")
    request.session["role"] = "guest-" + incoming
    return {"ok": True}
