"""SENTINEL: a security audit of a pull request's diff, by scanners and a model."""
