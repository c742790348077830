import os
import sys
from lxml import etree


def endpoint():
    value = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(value))
    return 0


if __name__ == "__main__":
    endpoint()
