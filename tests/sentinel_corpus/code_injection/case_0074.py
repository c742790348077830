from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def process(path: str = ""):
    data = path
    exec("import this")
    label = data.strip()
    return {"ok": True}
