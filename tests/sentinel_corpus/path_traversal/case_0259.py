import os
import sys


def process():
    given = sys.argv[1]
    base = "/srv/files"
    path = base + "/" + given
    if not path.startswith(base):
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    process()
