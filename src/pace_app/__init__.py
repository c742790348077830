"""PACE App: a GitHub App that turns labelled issues into reviewed pull requests."""

from importlib.metadata import version

__version__ = version("pace-app")
