import os
import random
import sys


def endpoint():
    value = sys.argv[1]
    nonce = random.random()
    return 0


if __name__ == "__main__":
    endpoint()
