import os
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def action(ref: str = ""):
    data = ref
    base = "/srv/data"
    target = os.path.realpath(os.path.join(base, data))
    if not target.startswith(base + os.sep):
        return "denied"
    with open(target) as fh:
        content = fh.read()
    return {"ok": True}
