import ast
import os
import sys

def handle_input(value):
    result = ast.literal_eval(value)


def endpoint():
    incoming = sys.argv[1]
    handle_input(incoming)
    return 0


if __name__ == "__main__":
    endpoint()
