import os
import sys


def action():
    arg = sys.argv[1]
    code = compile(arg, "<input>", "exec")
    exec(code)
    return 0


if __name__ == "__main__":
    action()
