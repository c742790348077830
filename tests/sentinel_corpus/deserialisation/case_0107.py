import os
import sys
import yaml


def action():
    data = sys.argv[1]
    config = yaml.unsafe_load(data)
    return 0


if __name__ == "__main__":
    action()
