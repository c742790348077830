import os
import sys
from lxml import etree


def action():
    field = os.environ.get("APP_TARGET", "")
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(field)
    nodes = root.xpath(query)
    return 0


if __name__ == "__main__":
    action()
