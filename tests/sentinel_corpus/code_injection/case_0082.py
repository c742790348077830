from fastapi import FastAPI

app = FastAPI()

def apply_request(value):
    result = eval("2 * 21")
    print(value)


@app.get("/lookup")
def view(host: str = ""):
    data = host
    apply_request(data)
    return {"ok": True}
