from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/report")
async def handle(request: Request):
    data = request.query_params.get("doc", "")
    page = "<html><body>" + data + "</body></html>"
    return HTMLResponse(content=page)
