import os
import sys
from lxml import etree


def process():
    user_input = os.environ.get("APP_HOST", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//item[position()=%d]" % int(user_input))
    return 0


if __name__ == "__main__":
    process()
