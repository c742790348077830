"""Service settings and repository configuration."""
