import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def endpoint(request: Request):
    incoming = request.query_params.get("host", "")
    os.system("host " + incoming)
    return {"ok": True}
