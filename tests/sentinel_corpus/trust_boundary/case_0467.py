import re
from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def action(item: str = ""):
    field = item
    if re.fullmatch(r"[a-z]{2}", field):
        request.session["lang"] = field
    return {"ok": True}
