import os
import sys
from werkzeug.utils import secure_filename


def action():
    arg = sys.argv[1]
    name = secure_filename(arg)
    with open(os.path.join("/var/www/static", name), "rb") as fh:
        content = fh.read()
    return 0


if __name__ == "__main__":
    action()
