import os
import sys

OPS = {"double": "x * 2", "square": "x ** 2"}


def execute_step(value):
    if value in OPS:
        result = eval(OPS[value], {'x': 3})


def action():
    given = os.environ.get("APP_Q", "")
    execute_step(given)
    return 0


if __name__ == "__main__":
    action()
