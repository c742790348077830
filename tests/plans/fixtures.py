"""A three-story sprint plan in the tutorial's shape, written for these tests."""

from __future__ import annotations

THREE_STORIES = """\
release: v0.1
context_version: "1"
stories:
  - id: story-1
    title: "Store notes in a SQLite table"
    status: pending
    acceptance_criteria:
      - "Note.save() writes title and body to the notes table"
      - "Note.load(id) returns the saved note or None"
      - "pytest covers saving and loading"
    out_of_scope:
      - "Full-text search"
  - id: story-2
    title: "List notes over HTTP"
    status: pending
    acceptance_criteria:
      - "GET /notes answers 200 with a JSON list of notes"
      - "GET /notes?limit=2 answers at most two notes"
    out_of_scope:
      - "Authentication"
      - "Paging cursors"
    notes: "Use the standard library's http.server; no framework."
  - id: story-3
    title: "Delete a note"
    status: shipped
    shipped_at: 2026-11-30T10:00:00Z
    acceptance_criteria:
      - "DELETE /notes/{id} answers 204 and removes the note"
"""

LEGACY_TWO_DAYS = """\
sprint:
  goal: "A small notes service"
  duration_days: 2
days:
  - day: 1
    theme: "Storage"
    stories:
      - title: "Store notes in a SQLite table"
        acceptance_criteria:
          - "Note.save() writes the note"
        out_of_scope:
          - "Search"
  - day: 2
    theme: "HTTP"
    human_gate: true
    stories:
      - title: "List notes"
        acceptance_criteria:
          - "GET /notes answers 200"
      - title: "Delete a note"
        acceptance_criteria:
          - "DELETE /notes/1 answers 204"
"""
