"""Tests of GitHub access: App auth and the API client."""
