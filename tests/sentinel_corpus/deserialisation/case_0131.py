import json
import os
import sys


def view():
    param = input("term: ")
    obj = json.loads(param)
    return 0


if __name__ == "__main__":
    view()
