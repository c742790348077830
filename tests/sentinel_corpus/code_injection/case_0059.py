import os
import sys


def lookup():
    user_input = input("term: ")
    expr = "{} + 1".format(user_input)
    answer = eval(expr, {})
    return 0


if __name__ == "__main__":
    lookup()
