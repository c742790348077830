from fastapi import FastAPI

app = FastAPI()


@app.get("/run")
def handle(name: str = ""):
    arg = name
    request.session["cart_owner"] = arg.strip().lower()
    return {"ok": True}
