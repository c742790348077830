from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/run")
async def endpoint(request: Request):
    field = request.query_params.get("q", "")
    page = "<html><body>" + field + "</body></html>"
    return HTMLResponse(content=page)
