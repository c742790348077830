import io
import os
import sys
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
        tree = etree.parse(io.BytesIO(self.value.encode()), parser=parser)


def view():
    data = sys.argv[1]
    Job(data).run()
    return 0


if __name__ == "__main__":
    view()
