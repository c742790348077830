"""The PACE agents: FORGE, GATE, SENTINEL and SCRIBE."""
