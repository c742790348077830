import os
import sys
from lxml import etree


def handle():
    value = sys.argv[1]
    tree = etree.parse("/srv/data/users.xml")
    finder = etree.XPath("//book[title='%s']" % value)
    nodes = finder(tree)
    return 0


if __name__ == "__main__":
    handle()
