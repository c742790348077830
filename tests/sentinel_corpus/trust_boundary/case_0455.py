from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def endpoint(term: str = ""):
    field = term
    request.session.update({"role": field})
    return {"ok": True}
