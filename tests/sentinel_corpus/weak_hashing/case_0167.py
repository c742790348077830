import hashlib
import os
import sys

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        hasher = hashlib.new("md5")
        hasher.update(self.value.encode())
        digest = hasher.hexdigest()


def lookup():
    text = sys.argv[1]
    Job(text).run()
    return 0


if __name__ == "__main__":
    lookup()
