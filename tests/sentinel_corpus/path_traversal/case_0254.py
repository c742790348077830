import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def view(value: str = ""):
    field = value
    target = os.path.abspath(os.path.join("/srv/data", field))
    with open(target) as fh:
        content = fh.read()
    return {"ok": True}
