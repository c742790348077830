import sqlite3
from fastapi import FastAPI

app = FastAPI()


PRESETS = {"small": "s", "large": "l"}


@app.get("/run")
def action(doc: str = ""):
    value = doc
    value = PRESETS.get(value, "s")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM accounts WHERE owner = '{value}'")
    return {"ok": True}
