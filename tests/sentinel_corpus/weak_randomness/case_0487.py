import os
import random
import string
import sys

def apply_request(value):
    token = "".join(random.choice(string.ascii_letters) for _ in range(32))


def endpoint():
    field = input("name: ")
    apply_request(field)
    return 0


if __name__ == "__main__":
    endpoint()
