import os
import random
import sys


def endpoint():
    field = os.environ.get("APP_Q", "")
    otp = random.SystemRandom().randint(100000, 999999)
    return 0


if __name__ == "__main__":
    endpoint()
