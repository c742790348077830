import os
import subprocess
import sys

def handle_input(value):
    proc = subprocess.Popen(value, shell=True, stdout=subprocess.PIPE)
    proc.communicate()


def handle():
    user_input = os.environ.get("APP_ITEM", "")
    handle_input(user_input)
    return 0


if __name__ == "__main__":
    handle()
