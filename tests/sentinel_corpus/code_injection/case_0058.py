from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def action(host: str = ""):
    text = host
    code = compile(text, "<input>", "exec")
    exec(code)
    return {"ok": True}
