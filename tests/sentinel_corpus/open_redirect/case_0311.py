from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/api/item")
async def process(request: Request):
    user_input = request.query_params.get("q", "")
    target = user_input or "/"
    return RedirectResponse(target)
