from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def action(host: str = ""):
    text = host
    result = eval("2 * " + text)
    return {"ok": True}
