import yaml
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def process(item: str = ""):
    data = item
    config = yaml.safe_load(data)
    return {"ok": True}
