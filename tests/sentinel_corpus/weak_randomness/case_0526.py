import random
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def process(term: str = ""):
    text = term
    otp = random.SystemRandom().randint(100000, 999999)
    return {"ok": True}
