"""Tests that read the deployment files: Dockerfile, fly.toml, app.yml."""
