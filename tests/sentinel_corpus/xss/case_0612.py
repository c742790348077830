from fastapi import FastAPI

app = FastAPI()


@app.get("/profile")
def handle(term: str = ""):
    field = term
    return {"echo": field}
