import os
import sys

def do_work(value):
    result = eval("2 * 21")
    print(value)


def action():
    user_input = sys.argv[1]
    do_work(user_input)
    return 0


if __name__ == "__main__":
    action()
