from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.post("/view")
async def view(request: Request):
    user_input = request.query_params.get("name", "")
    return HTMLResponse(f"<div>{user_input}</div>")
