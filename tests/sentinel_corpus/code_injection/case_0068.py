from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def endpoint(path: str = ""):
    value = path
    result = eval(value)
    return {"ok": True}
