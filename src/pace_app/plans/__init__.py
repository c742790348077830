"""Sprint plans (plan.yaml): parsing, issue text, and syncing stories to issues."""
