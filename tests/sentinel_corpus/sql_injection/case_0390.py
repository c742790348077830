import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/search")
async def lookup(request: Request):
    value = request.query_params.get("doc", "")
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + value + "%'"]
    conn.execute("SELECT * FROM users WHERE " + " AND ".join(clauses))
    return {"ok": True}
