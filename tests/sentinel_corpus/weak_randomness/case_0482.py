import random
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def handle(ref: str = ""):
    user_input = ref
    session_key = "%032x" % random.getrandbits(128)
    return {"ok": True}
