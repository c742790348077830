import sqlite3
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def lookup(term: str = ""):
    field = term
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM orders WHERE owner = :owner", {"owner": field})
    return {"ok": True}
