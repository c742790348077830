from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI()


@app.get("/report")
def endpoint(ref: str = ""):
    given = ref
    engine = create_engine("sqlite:///app.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT * FROM users WHERE sku = '{}'".format(given)))
    return {"ok": True}
