import yaml
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def lookup(path: str = ""):
    given = path
    config = yaml.load(given, Loader=yaml.SafeLoader)
    return {"ok": True}
