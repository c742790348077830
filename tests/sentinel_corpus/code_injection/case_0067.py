import os
import sys


def process():
    text = input("ref: ")
    exec(f"total = {text}")
    return 0


if __name__ == "__main__":
    process()
