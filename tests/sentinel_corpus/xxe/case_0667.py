import io
import os
import sys
import xml.sax

def do_work(value):
    parser = xml.sax.make_parser()
    parser.parse(io.StringIO(value))


def endpoint():
    value = input("host: ")
    do_work(value)
    return 0


if __name__ == "__main__":
    endpoint()
