from fastapi import FastAPI

app = FastAPI()

ROLES = {"viewer", "editor"}


@app.get("/api/item")
def handle(host: str = ""):
    value = host
    if value in ROLES:
        request.session["role"] = value
    return {"ok": True}
