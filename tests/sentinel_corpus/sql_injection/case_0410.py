import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/search")
async def action(request: Request):
    field = request.query_params.get("host", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id FROM products WHERE owner = :owner", {"owner": field})
    return {"ok": True}
