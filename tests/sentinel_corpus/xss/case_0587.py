from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/profile")
def view(path: str = ""):
    data = path
    return HTMLResponse(f"<div>{data}</div>")
