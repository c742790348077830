import os
import sys


def process():
    text = os.environ.get("APP_VALUE", "")
    base = "/srv/files"
    path = base + "/" + text
    if not path.startswith(base):
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    process()
