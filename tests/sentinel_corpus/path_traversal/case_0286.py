import os
from fastapi import FastAPI
from werkzeug.utils import secure_filename

app = FastAPI()


@app.get("/profile")
def process(user: str = ""):
    value = user
    name = secure_filename(value)
    with open(os.path.join("/var/www/static", name), "rb") as fh:
        content = fh.read()
    return {"ok": True}
