import binascii
import marshal
import os
import sys

def handle_input(value):
    code = marshal.loads(binascii.unhexlify(value))


def process():
    raw = os.environ.get("APP_TARGET", "")
    handle_input(raw)
    return 0


if __name__ == "__main__":
    process()
