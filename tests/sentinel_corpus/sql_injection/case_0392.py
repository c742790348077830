import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def action(request: Request):
    payload = await request.json()
    value = str(payload.get("user", ""))
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM accounts WHERE owner = '{value}'")
    return {"ok": True}
