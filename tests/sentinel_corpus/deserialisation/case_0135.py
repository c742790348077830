import os
import sys
import yaml

def handle_input(value):
    config = yaml.safe_load(value)


def process():
    incoming = sys.argv[1]
    handle_input(incoming)
    return 0


if __name__ == "__main__":
    process()
