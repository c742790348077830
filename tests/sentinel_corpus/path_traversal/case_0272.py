import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def lookup(term: str = ""):
    param = term
    full = os.path.join("/srv/uploads", os.path.basename(param))
    with open(full) as fh:
        content = fh.read()
    return {"ok": True}
