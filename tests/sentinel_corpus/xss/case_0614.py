from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/lookup")
async def process(request: Request):
    payload = await request.json()
    given = str(payload.get("doc", ""))
    return {"echo": given}
