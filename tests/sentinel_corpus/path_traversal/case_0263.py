import os
import sys


def action():
    incoming = sys.argv[1]
    os.remove(os.path.join("/tmp/cache", incoming))
    return 0


if __name__ == "__main__":
    action()
