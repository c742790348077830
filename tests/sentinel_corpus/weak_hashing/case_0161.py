import hashlib
import os
import sys


def process():
    field = sys.argv[1]
    password_hash = hashlib.sha1(("salt" + field).encode()).digest()
    return 0


if __name__ == "__main__":
    process()
