from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def lookup(name: str = ""):
    field = name
    exec(f"total = {field}")
    return {"ok": True}
