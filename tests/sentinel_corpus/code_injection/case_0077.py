import ast
import os
import sys


def view():
    arg = sys.argv[1]
    result = ast.literal_eval(arg)
    return 0


if __name__ == "__main__":
    view()
