import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/view")
async def endpoint(request: Request):
    text = request.query_params.get("path", "")
    os.remove(os.path.join("/tmp/cache", text))
    return {"ok": True}
