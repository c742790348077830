"""Web server: the ASGI apps, webhook endpoint, dashboard and login, health, metrics, setup."""
