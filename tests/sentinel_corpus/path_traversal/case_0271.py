import os
import sys


def endpoint():
    arg = input("target: ")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, arg))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    endpoint()
