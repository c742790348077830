from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def process(path: str = ""):
    data = path
    result = eval(str(int(data)) + ' * 2')
    return {"ok": True}
