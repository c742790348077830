from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()


@app.get("/search")
def action(item: str = ""):
    incoming = item
    page = "<html><body>" + incoming + "</body></html>"
    return HTMLResponse(content=page)
