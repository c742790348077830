import os
import sys


def process():
    given = sys.argv[1]
    target = os.path.abspath(os.path.join("/srv/data", given))
    with open(target) as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    process()
