from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/profile")
def process(q: str = ""):
    text = q
    page = "<html><body>" + text + "</body></html>"
    return HTMLResponse(content=page)
