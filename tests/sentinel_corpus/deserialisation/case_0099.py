import os
import sys
import yaml

def apply_request(value):
    config = yaml.unsafe_load(value)


def view():
    raw = input("item: ")
    apply_request(raw)
    return 0


if __name__ == "__main__":
    view()
