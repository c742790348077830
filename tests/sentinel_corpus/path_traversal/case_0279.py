import os
import sys


def endpoint():
    given = os.environ.get("APP_Q", "")
    base = os.path.realpath("/srv/files")
    path = os.path.normpath(os.path.join(base, given))
    if os.path.commonpath([base, path]) != base:
        return "denied"
    with open(path) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    endpoint()
