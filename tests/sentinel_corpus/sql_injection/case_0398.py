import sqlite3
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def handle(ref: str = ""):
    data = ref
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM accounts ORDER BY " + data)
    return {"ok": True}
