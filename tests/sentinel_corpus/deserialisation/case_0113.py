import jsonpickle
import os
import sys

def do_work(value):
    restored = jsonpickle.decode(value)


def endpoint():
    param = input("target: ")
    do_work(param)
    return 0


if __name__ == "__main__":
    endpoint()
