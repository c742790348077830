from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/report")
async def endpoint(request: Request):
    payload = await request.json()
    incoming = str(payload.get("term", ""))
    return HTMLResponse(f"<div>{incoming}</div>")
