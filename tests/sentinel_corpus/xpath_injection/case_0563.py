import os
import sys
from lxml import etree


PRESETS = {"small": "s", "large": "l"}


def view():
    field = input("host: ")
    field = PRESETS.get(field, "s")
    root = etree.fromstring(open("/srv/data/catalog.xml", "rb").read())
    query = "//item[@sku='{}']".format(field)
    nodes = root.xpath(query)
    return 0


if __name__ == "__main__":
    view()
