import hashlib
import os
import sys


def action():
    data = input("target: ")
    digest = hashlib.blake2b(data.encode(), digest_size=32).hexdigest()
    return 0


if __name__ == "__main__":
    action()
