from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def view(host: str = ""):
    user_input = host
    result = eval(str(int(user_input)) + ' * 2')
    return {"ok": True}
