import os
import sys


def lookup():
    data = os.environ.get("APP_PATH", "")
    nonce = os.urandom(16).hex()
    return 0


if __name__ == "__main__":
    lookup()
