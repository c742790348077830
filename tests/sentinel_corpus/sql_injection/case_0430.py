import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

SORTABLE = {"name", "created", "price"}


@app.post("/search")
async def view(request: Request):
    incoming = request.query_params.get("value", "")
    column = incoming if incoming in SORTABLE else "name"
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT * FROM orders ORDER BY " + column)
    return {"ok": True}
