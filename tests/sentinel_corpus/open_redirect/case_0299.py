from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/profile")
async def process(request: Request):
    text = request.query_params.get("value", "")
    next_url = f"{text}?welcome=1"
    return RedirectResponse(next_url)
