import random
from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def lookup(term: str = ""):
    data = term
    invite = random.randrange(10**8)
    return {"ok": True}
