import os
import sys
import yaml


def process():
    user_input = sys.argv[1]
    config = yaml.load(user_input, Loader=yaml.Loader)
    return 0


if __name__ == "__main__":
    process()
