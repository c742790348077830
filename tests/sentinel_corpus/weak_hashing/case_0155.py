import hashlib
import os
import sys


def handle():
    incoming = os.environ.get("APP_TERM", "")
    password_hash = hashlib.sha1(("salt" + incoming).encode()).digest()
    return 0


if __name__ == "__main__":
    handle()
