import os
import sys

def perform(value):
    result = eval("2 * 21")
    print(value)


def handle():
    incoming = input("target: ")
    perform(incoming)
    return 0


if __name__ == "__main__":
    handle()
