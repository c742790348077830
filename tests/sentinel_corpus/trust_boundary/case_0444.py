from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def view(name: str = ""):
    arg = name
    request.session["role"] = "guest-" + arg
    return {"ok": True}
