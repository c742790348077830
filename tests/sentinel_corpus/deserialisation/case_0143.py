import os
import sys
import yaml


def handle():
    raw = sys.argv[1]
    config = yaml.load(raw, Loader=yaml.SafeLoader)
    return 0


if __name__ == "__main__":
    handle()
