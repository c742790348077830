import yaml
from fastapi import FastAPI

app = FastAPI()

def do_work(value):
    config = yaml.unsafe_load(value)


@app.get("/report")
def process(item: str = ""):
    given = item
    do_work(given)
    return {"ok": True}
