"""GitHub access: App auth, the API client, payload models and signatures."""
