import os
import sys
from hashlib import md5


def view():
    field = sys.argv[1]
    token = md5(field.encode()).hexdigest()
    return 0


if __name__ == "__main__":
    view()
