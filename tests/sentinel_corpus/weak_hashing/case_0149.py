import hashlib
import os
import sys


def handle():
    user_input = os.environ.get("APP_HOST", "")
    h = hashlib.new("sha1", usedforsecurity=True)
    h.update(user_input.encode())
    return 0


if __name__ == "__main__":
    handle()
