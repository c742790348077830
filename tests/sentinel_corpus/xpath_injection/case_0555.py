import os
import sys
from lxml import etree


def view():
    param = os.environ.get("APP_HOST", "")
    tree = etree.parse("/srv/data/users.xml")
    nodes = tree.xpath("//account/balance/text()")
    print(param)
    return 0


if __name__ == "__main__":
    view()
