import os
import sys
from defusedxml.lxml import fromstring

def apply_request(value):
    doc = fromstring(value.encode())


def endpoint():
    value = sys.argv[1]
    apply_request(value)
    return 0


if __name__ == "__main__":
    endpoint()
