import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/api/item")
def action(name: str = ""):
    value = name
    return HTMLResponse(f"<div>{html.escape(value)}</div>")
