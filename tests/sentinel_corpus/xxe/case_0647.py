import io
import os
import sys
from lxml import etree

def execute_step(value):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(value.encode()), parser=parser)


def process():
    arg = input("item: ")
    execute_step(arg)
    return 0


if __name__ == "__main__":
    process()
