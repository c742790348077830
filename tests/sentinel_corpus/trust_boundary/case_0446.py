from fastapi import FastAPI

app = FastAPI()


@app.get("/search")
def endpoint(value: str = ""):
    data = value
    request.session["tenant"] = data.strip().lower()
    return {"ok": True}
