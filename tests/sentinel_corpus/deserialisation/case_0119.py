import os
import sys
import yaml

def perform(value):
    config = yaml.load(value, Loader=yaml.Loader)


def process():
    value = os.environ.get("APP_HOST", "")
    perform(value)
    return 0


if __name__ == "__main__":
    process()
