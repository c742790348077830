import sqlite3
from fastapi import FastAPI
from fastapi import Request

app = FastAPI()


@app.post("/run")
async def view(request: Request):
    param = request.query_params.get("q", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute(f"SELECT id FROM orders WHERE owner = '{param}'")
    return {"ok": True}
