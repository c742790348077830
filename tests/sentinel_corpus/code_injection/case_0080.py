import ast
from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def handle(doc: str = ""):
    text = doc
    result = ast.literal_eval(text)
    return {"ok": True}
