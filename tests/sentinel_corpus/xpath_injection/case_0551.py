import os
import sys
from lxml import etree

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        tree = etree.parse("/srv/data/users.xml")
        finder = etree.XPath("//book[title='%s']" % self.value)
        nodes = finder(tree)


def handle():
    value = sys.argv[1]
    Job(value).run()
    return 0


if __name__ == "__main__":
    handle()
