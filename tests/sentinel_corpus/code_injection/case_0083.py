import os
import sys


def process():
    user_input = input("user: ")
    result = eval(str(int(user_input)) + ' * 2')
    return 0


if __name__ == "__main__":
    process()
