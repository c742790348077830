import os
import sys


def view():
    arg = input("target: ")
    os.system("logrotate /etc/logrotate.conf")
    print(arg)
    return 0


if __name__ == "__main__":
    view()
