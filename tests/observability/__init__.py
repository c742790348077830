"""Tests of logging, Sentry scrubbing and metrics."""
