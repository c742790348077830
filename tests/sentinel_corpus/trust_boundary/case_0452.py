from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def process(host: str = ""):
    param = host
    profile = {"name": param, "verified": False}
    request.session["profile"] = profile
    return {"ok": True}
