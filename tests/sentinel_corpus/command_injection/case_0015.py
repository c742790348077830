import os
import sys


def lookup():
    text = sys.argv[1]
    stream = os.popen("grep -r {} /var/log/app".format(text))
    lines = stream.read()
    return 0


if __name__ == "__main__":
    lookup()
