import hashlib
import os
import sys


def process():
    arg = input("path: ")
    etag = hashlib.md5(arg.encode(), usedforsecurity=False).hexdigest()
    return 0


if __name__ == "__main__":
    process()
