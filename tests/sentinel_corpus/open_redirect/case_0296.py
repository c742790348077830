from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/search")
async def process(request: Request):
    payload = await request.json()
    raw = str(payload.get("q", ""))
    next_url = f"{raw}?welcome=1"
    return RedirectResponse(next_url)
