import sqlite3
from fastapi import FastAPI

app = FastAPI()

def apply_request(value):
    conn = sqlite3.connect("app.db")
    clauses = ["name LIKE '%" + value + "%'"]
    conn.execute("SELECT * FROM users WHERE " + " AND ".join(clauses))


@app.get("/profile")
def process(host: str = ""):
    field = host
    apply_request(field)
    return {"ok": True}
