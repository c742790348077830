from fastapi import FastAPI

app = FastAPI()


@app.get("/api/item")
def view(host: str = ""):
    raw = host
    return {"echo": raw}
