import html
from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/search")
async def endpoint(request: Request):
    payload = await request.json()
    text = str(payload.get("item", ""))
    return HTMLResponse(f"<div>{html.escape(text)}</div>")
