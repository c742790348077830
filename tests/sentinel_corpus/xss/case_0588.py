from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/api/item")
async def action(request: Request):
    payload = await request.json()
    incoming = str(payload.get("user", ""))
    page = "<html><body>" + incoming + "</body></html>"
    return HTMLResponse(content=page)
