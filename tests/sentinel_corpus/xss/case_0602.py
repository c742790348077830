from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def handle(user: str = ""):
    arg = user
    return {"echo": arg}
