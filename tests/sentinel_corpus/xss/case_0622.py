from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def process(host: str = ""):
    given = host
    return {"echo": given}
