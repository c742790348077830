import os
import sys


def endpoint():
    field = sys.argv[1]
    result = eval(field)
    return 0


if __name__ == "__main__":
    endpoint()
