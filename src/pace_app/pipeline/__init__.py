"""The story run state machine."""
