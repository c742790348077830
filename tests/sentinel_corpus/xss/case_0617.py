import html
from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/report")
async def lookup(request: Request):
    payload = await request.json()
    given = str(payload.get("user", ""))
    return HTMLResponse(f"<div>{html.escape(given)}</div>")
