"""The sandbox runner for repository code."""
