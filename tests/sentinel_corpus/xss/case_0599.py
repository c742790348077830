from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/lookup")
async def lookup(request: Request):
    payload = await request.json()
    incoming = str(payload.get("doc", ""))
    page = "<html><body>" + incoming + "</body></html>"
    return HTMLResponse(content=page)
