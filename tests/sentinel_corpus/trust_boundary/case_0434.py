from fastapi import FastAPI

app = FastAPI()


@app.get("/view")
def view(user: str = ""):
    incoming = user
    request.session["display_name"] = incoming.strip().lower()
    return {"ok": True}
