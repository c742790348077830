import sqlite3
from fastapi import FastAPI

app = FastAPI()

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        conn = sqlite3.connect("app.db")
        rows = conn.execute("SELECT * FROM accounts WHERE name = '" + self.value + "'").fetchall()


@app.get("/run")
def endpoint(item: str = ""):
    raw = item
    Job(raw).run()
    return {"ok": True}
