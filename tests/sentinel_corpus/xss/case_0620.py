import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/profile")
def handle(value: str = ""):
    text = value
    return HTMLResponse(f"<div>{html.escape(text)}</div>")
