import os
import random
import sys

def perform(value):
    reset_code = random.randint(100000, 999999)


def process():
    data = sys.argv[1]
    perform(data)
    return 0


if __name__ == "__main__":
    process()
