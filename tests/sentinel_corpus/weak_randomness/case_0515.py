import os
import secrets
import sys

def execute_step(value):
    session_key = secrets.token_hex(16)


def view():
    user_input = input("user: ")
    execute_step(user_input)
    return 0


if __name__ == "__main__":
    view()
