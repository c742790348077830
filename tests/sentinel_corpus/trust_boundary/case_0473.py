import re
from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def lookup(q: str = ""):
    incoming = q
    if re.fullmatch(r"[a-z]{2}", incoming):
        request.session["lang"] = incoming
    return {"ok": True}
