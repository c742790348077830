from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def action(ref: str = ""):
    param = ref
    result = eval("2 * 21")
    print(param)
    return {"ok": True}
