import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def action(ref: str = ""):
    data = ref
    full = os.path.join("/srv/uploads", os.path.basename(data))
    with open(full) as fh:
        content = fh.read()
    return {"ok": True}
