"""The shared vocabulary every layer imports: stories, runs, jobs, stores, findings, text."""
