import ast
from fastapi import FastAPI

app = FastAPI()

def perform(value):
    result = ast.literal_eval(value)


@app.get("/view")
def lookup(target: str = ""):
    arg = target
    perform(arg)
    return {"ok": True}
