import os
import sys


def view():
    param = sys.argv[1]
    result = eval("2 * 21")
    print(param)
    return 0


if __name__ == "__main__":
    view()
