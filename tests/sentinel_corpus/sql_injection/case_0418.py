import sqlite3
from fastapi import FastAPI

app = FastAPI()

SORTABLE = {"name", "created", "price"}


def execute_step(value):
    column = value if value in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM products ORDER BY " + column)


@app.get("/report")
def lookup(value: str = ""):
    user_input = value
    execute_step(user_input)
    return {"ok": True}
