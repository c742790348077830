import os
import sys
import yaml


def process():
    data = sys.argv[1]
    config = yaml.load(data, Loader=yaml.Loader)
    return 0


if __name__ == "__main__":
    process()
