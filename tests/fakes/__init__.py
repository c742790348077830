"""Protocol-level fakes: GitHub, git smart HTTP and the model API."""
