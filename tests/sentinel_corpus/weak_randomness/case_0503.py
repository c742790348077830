import os
import random
import sys

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        otp = str(int(abs(random.normalvariate(0, 1)) * 1_000_000))


def process():
    param = os.environ.get("APP_Q", "")
    Job(param).run()
    return 0


if __name__ == "__main__":
    process()
