import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def handle_input(value):
    full = os.path.join("/srv/uploads", value)
    with open(full) as fh:
        content = fh.read()


@app.post("/lookup")
async def view(request: Request):
    payload = await request.json()
    field = str(payload.get("user", ""))
    handle_input(field)
    return {"ok": True}
