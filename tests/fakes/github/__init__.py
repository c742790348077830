"""The fake GitHub's parts: state, routes, validation and faults (see ``fake_github``)."""
