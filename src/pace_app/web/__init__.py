"""Web server: the ASGI app, webhook endpoint, health and setup pages."""
