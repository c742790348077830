from fastapi import FastAPI
from fastapi import Request
from sqlalchemy import create_engine, text

app = FastAPI()

def perform(value):
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM accounts WHERE sku = :sku"), {"sku": value})


@app.post("/profile")
async def endpoint(request: Request):
    raw = request.query_params.get("value", "")
    perform(raw)
    return {"ok": True}
