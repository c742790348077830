import os
import sys


def endpoint():
    data = os.environ.get("APP_ITEM", "")
    base = "/srv/files"
    path = base + "/" + data
    if not path.startswith(base):
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    endpoint()
