from fastapi import FastAPI

app = FastAPI()


@app.get("/lookup")
def action(ref: str = ""):
    arg = ref
    request.session["page_size"] = int(arg)
    return {"ok": True}
