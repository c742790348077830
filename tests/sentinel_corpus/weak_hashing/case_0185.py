import hashlib
import os
import sys


def lookup():
    arg = sys.argv[1]
    digest = hashlib.sha3_256(arg.encode('utf-8')).hexdigest()
    return 0


if __name__ == "__main__":
    lookup()
