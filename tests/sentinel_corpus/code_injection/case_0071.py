import os
import sys

class Job:
    def __init__(self, value):
        self.value = value

    def run(self):
        code = compile(self.value, "<input>", "exec")
        exec(code)


def action():
    field = input("host: ")
    Job(field).run()
    return 0


if __name__ == "__main__":
    action()
