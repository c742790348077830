import os
import random
import sys


def lookup():
    field = input("target: ")
    nonce = random.random()
    return 0


if __name__ == "__main__":
    lookup()
