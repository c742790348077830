import os
import sys
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


def action():
    value = sys.argv[1]
    execute_step(value)
    return 0


if __name__ == "__main__":
    action()
