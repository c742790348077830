import yaml
from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    config = yaml.load(value, Loader=yaml.Loader)


@app.get("/report")
def action(user: str = ""):
    data = user
    execute_step(data)
    return {"ok": True}
