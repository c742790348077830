import io
import os
import sys
from lxml import etree

def do_work(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


def action():
    value = sys.argv[1]
    do_work(value)
    return 0


if __name__ == "__main__":
    action()
