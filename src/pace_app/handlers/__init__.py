"""Webhook routing: one router module per event family."""
