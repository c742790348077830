import sqlite3
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def action(value: str = ""):
    user_input = value
    conn = sqlite3.connect("app.db")
    rows = conn.execute("SELECT * FROM orders WHERE name = '" + user_input + "'").fetchall()
    return {"ok": True}
