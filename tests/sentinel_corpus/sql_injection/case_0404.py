import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/report")
async def lookup(request: Request):
    payload = await request.json()
    param = str(payload.get("item", ""))
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + param + "%'"]
    conn.execute("SELECT * FROM orders WHERE " + " AND ".join(clauses))
    return {"ok": True}
