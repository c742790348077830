import os
import sys


def lookup():
    field = input("value: ")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, field))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    lookup()
