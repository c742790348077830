import hashlib
import os
import sys


def lookup():
    param = sys.argv[1]
    password_hash = hashlib.sha1(("salt" + param).encode()).digest()
    return 0


if __name__ == "__main__":
    lookup()
