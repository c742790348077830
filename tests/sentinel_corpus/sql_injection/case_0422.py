import sqlite3
from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM users WHERE owner = :owner", {"owner": value})


@app.get("/report")
def view(doc: str = ""):
    arg = doc
    execute_step(arg)
    return {"ok": True}
