import os
import sys

def execute_step(value):
    expr = "{} + 1".format(value)
    answer = eval(expr, {})


def handle():
    incoming = os.environ.get("APP_VALUE", "")
    execute_step(incoming)
    return 0


if __name__ == "__main__":
    handle()
