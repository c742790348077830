from fastapi import FastAPI
from fastapi import Request
from fastapi.responses import RedirectResponse

app = FastAPI()


@app.post("/lookup")
async def endpoint(request: Request):
    payload = await request.json()
    field = str(payload.get("user", ""))
    next_url = f"{field}?welcome=1"
    return RedirectResponse(next_url)
