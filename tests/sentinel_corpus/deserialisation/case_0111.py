import binascii
import marshal
import os
import sys


def endpoint():
    param = input("q: ")
    code = marshal.loads(binascii.unhexlify(param))
    return 0


if __name__ == "__main__":
    endpoint()
