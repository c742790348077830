import os
import sys

def execute_step(value):
    result = eval("2 * 21")
    print(value)


def view():
    value = sys.argv[1]
    execute_step(value)
    return 0


if __name__ == "__main__":
    view()
