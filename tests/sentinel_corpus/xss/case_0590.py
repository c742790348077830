from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/lookup")
async def lookup(request: Request):
    raw = request.query_params.get("doc", "")
    return HTMLResponse(f"<div>{raw}</div>")
