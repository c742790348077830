import hashlib
import os
import sys

def handle_input(value):
    digest = hashlib.sha256(value.encode()).hexdigest()


def lookup():
    value = os.environ.get("APP_HOST", "")
    handle_input(value)
    return 0


if __name__ == "__main__":
    lookup()
