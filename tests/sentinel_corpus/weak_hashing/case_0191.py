import hashlib
import os
import sys


def handle():
    raw = os.environ.get("APP_ITEM", "")
    digest = hashlib.blake2b(raw.encode(), digest_size=32).hexdigest()
    return 0


if __name__ == "__main__":
    handle()
