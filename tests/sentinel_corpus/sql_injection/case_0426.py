import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def perform(value):
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM accounts WHERE name = ?", (value,)).fetchall()


@app.post("/api/item")
async def view(request: Request):
    payload = await request.json()
    param = str(payload.get("name", ""))
    perform(param)
    return {"ok": True}
