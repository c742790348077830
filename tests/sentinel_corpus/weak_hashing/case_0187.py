import hashlib
import os
import sys


def handle():
    data = input("ref: ")
    digest = hashlib.sha256(data.encode()).hexdigest()
    return 0


if __name__ == "__main__":
    handle()
