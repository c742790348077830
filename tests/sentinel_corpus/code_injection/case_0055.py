import os
import sys


def view():
    text = sys.argv[1]
    expr = "{} + 1".format(text)
    answer = eval(expr, {})
    return 0


if __name__ == "__main__":
    view()
