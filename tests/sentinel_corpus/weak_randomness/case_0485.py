import os
import random
import string
import sys


def endpoint():
    arg = input("doc: ")
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))
    return 0


if __name__ == "__main__":
    endpoint()
