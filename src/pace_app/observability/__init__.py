"""Logging, error reporting and metrics, each with secrets kept out of what leaves."""
