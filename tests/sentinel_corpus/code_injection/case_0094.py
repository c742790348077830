from fastapi import FastAPI

app = FastAPI()

def execute_step(value):
    result = eval("2 * 21")
    print(value)


@app.get("/run")
def handle(doc: str = ""):
    text = doc
    execute_step(text)
    return {"ok": True}
