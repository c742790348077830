from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    result = eval(value)


@app.get("/lookup")
def view(name: str = ""):
    arg = name
    execute_step(arg)
    return {"ok": True}
