import os
import sys


def lookup():
    given = input("host: ")
    result = eval("2 * 21")
    print(given)
    return 0


if __name__ == "__main__":
    lookup()
