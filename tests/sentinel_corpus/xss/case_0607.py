from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def handle(item: str = ""):
    value = item
    return {"echo": value}
