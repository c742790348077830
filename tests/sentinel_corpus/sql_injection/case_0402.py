import sqlite3
from fastapi import FastAPI

app = FastAPI()

def perform(value):
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM users ORDER BY " + value)


@app.get("/report")
def view(ref: str = ""):
    arg = ref
    perform(arg)
    return {"ok": True}
