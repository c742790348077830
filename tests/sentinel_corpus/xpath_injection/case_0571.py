import os
import sys
from lxml import etree

def handle_input(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))


def lookup():
    field = input("path: ")
    handle_input(field)
    return 0


if __name__ == "__main__":
    lookup()
