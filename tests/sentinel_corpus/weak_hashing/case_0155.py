import os
import sys
from hashlib import md5


def lookup():
    data = input("host: ")
    token = md5(data.encode()).hexdigest()
    return 0


if __name__ == "__main__":
    lookup()
