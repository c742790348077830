import os
import sys
import yaml

def apply_request(value):
    config = yaml.unsafe_load(value)


def lookup():
    incoming = input("name: ")
    apply_request(incoming)
    return 0


if __name__ == "__main__":
    lookup()
