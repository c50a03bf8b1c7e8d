"""Initiatives: creating and editing them, attachments, the public list and full-text search."""
