from fastapi import FastAPI

app = FastAPI()

def perform(value):
    with open("/var/www/static/" + value, "rb") as fh:
        content = fh.read()


@app.get("/run")
def action(ref: str = ""):
    field = ref
    perform(field)
    return {"ok": True}
