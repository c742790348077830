import yaml
from fastapi import FastAPI

app = FastAPI()

def perform(value):
    docs = list(yaml.load_all(value, Loader=yaml.FullLoader))


@app.get("/report")
def view(term: str = ""):
    incoming = term
    perform(incoming)
    return {"ok": True}
