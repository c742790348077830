import os
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/api/item")
async def action(request: Request):
    payload = await request.json()
    given = str(payload.get("name", ""))
    os.system("logrotate /etc/logrotate.conf")
    print(given)
    return {"ok": True}
