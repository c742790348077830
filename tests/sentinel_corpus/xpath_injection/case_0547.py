import os
import sys
from lxml import etree

def execute_step(value):
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//user[@name='" + value + "']")


def endpoint():
    arg = input("doc: ")
    execute_step(arg)
    return 0


if __name__ == "__main__":
    endpoint()
