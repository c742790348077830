"""The durable job queue: store interface, backends and the worker."""
