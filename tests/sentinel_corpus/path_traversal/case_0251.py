import os
import sys

def execute_step(value):
    full = os.path.join("/srv/uploads", value)
    with open(full) as fh:
        content = fh.read()


def view():
    user_input = sys.argv[1]
    execute_step(user_input)
    return 0


if __name__ == "__main__":
    view()
