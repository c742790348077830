import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()

def perform(value):
    db = sqlite3.connect("app.db")
    query = "DELETE FROM accounts WHERE id = %d" % int(value)
    db.execute(query)


@app.post("/profile")
async def action(request: Request):
    param = request.query_params.get("q", "")
    perform(param)
    return {"ok": True}
