import secrets
from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def endpoint(item: str = ""):
    text = item
    request.session["csrf"] = secrets.token_hex(16)
    print(text)
    return {"ok": True}
