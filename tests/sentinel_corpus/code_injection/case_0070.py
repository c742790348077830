from fastapi import FastAPI

app = FastAPI()

def handle_input(value):
    exec(f"total = {value}")


@app.get("/report")
def endpoint(q: str = ""):
    field = q
    handle_input(field)
    return {"ok": True}
