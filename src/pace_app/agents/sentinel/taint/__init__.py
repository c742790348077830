"""Taint analysis of Python: request data followed from its source to a dangerous sink.

``catalogue`` names the sources, sanitisers and sinks; ``values`` is the taint carried
by an expression; ``imports`` resolves names to what they were imported as; ``engine``
walks one function; ``project`` parses the repository, builds the functions' summaries
and reports the flows; ``rules`` holds the checks that need no flow.
"""
