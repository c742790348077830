import sqlite3
from fastapi import FastAPI

app = FastAPI()


PRESETS = {"small": "s", "large": "l"}


@app.get("/search")
def lookup(name: str = ""):
    raw = name
    raw = PRESETS.get(raw, "s")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM orders ORDER BY " + raw)
    return {"ok": True}
