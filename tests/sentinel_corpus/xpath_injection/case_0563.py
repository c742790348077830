import os
import sys
from lxml import etree

def apply_request(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))


def endpoint():
    arg = input("doc: ")
    apply_request(arg)
    return 0


if __name__ == "__main__":
    endpoint()
