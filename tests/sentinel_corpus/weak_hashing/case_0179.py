import hashlib
import os
import sys


def action():
    incoming = os.environ.get("APP_DOC", "")
    etag = hashlib.md5(incoming.encode(), usedforsecurity=False).hexdigest()
    return 0


if __name__ == "__main__":
    action()
