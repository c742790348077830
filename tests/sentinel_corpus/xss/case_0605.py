from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
def process(doc: str = ""):
    given = doc
    return {"echo": given}
