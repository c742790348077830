import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/view")
def view(term: str = ""):
    incoming = term
    return HTMLResponse(f"<div>{html.escape(incoming)}</div>")
