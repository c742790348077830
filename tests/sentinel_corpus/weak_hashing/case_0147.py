import hashlib
import os
import sys

def handle_input(value):
    digest = hashlib.md5(value.encode()).hexdigest()


def lookup():
    value = sys.argv[1]
    handle_input(value)
    return 0


if __name__ == "__main__":
    lookup()
