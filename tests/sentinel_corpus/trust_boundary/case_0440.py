from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def view(value: str = ""):
    data = value
    request.session.update({"cart_owner": data})
    return {"ok": True}
