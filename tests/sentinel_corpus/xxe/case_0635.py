import os
import sys
from lxml import etree

def perform(value):
    parser = etree.XMLParser(resolve_entities=True)
    doc = etree.fromstring(value.encode(), parser)


def view():
    data = input("user: ")
    perform(data)
    return 0


if __name__ == "__main__":
    view()
