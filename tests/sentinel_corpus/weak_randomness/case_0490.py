import random
import string
from fastapi import FastAPI

app = FastAPI()

def handle_input(value):
    api_key = "".join(random.sample(string.hexdigits, 16))


@app.get("/lookup")
def view(host: str = ""):
    text = host
    handle_input(text)
    return {"ok": True}
