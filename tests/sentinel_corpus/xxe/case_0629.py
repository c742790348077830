import os
import sys
from lxml import etree

def execute_step(value):
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(value.encode(), parser)


def endpoint():
    text = input("user: ")
    execute_step(text)
    return 0


if __name__ == "__main__":
    endpoint()
