import os
import shlex
from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def action(term: str = ""):
    text = term
    os.system("ping -c 1 " + shlex.quote(text))
    return {"ok": True}
