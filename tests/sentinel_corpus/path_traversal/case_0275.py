import os
import sys


def process():
    data = input("host: ")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, data))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    process()
