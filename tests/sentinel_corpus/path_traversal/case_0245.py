import os
import sys

def do_work(value):
    full = os.path.join("/srv/uploads", value)
    with open(full) as fh:
        content = fh.read()


def lookup():
    param = sys.argv[1]
    do_work(param)
    return 0


if __name__ == "__main__":
    lookup()
