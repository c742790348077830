"""Tests of the model provider layer."""
