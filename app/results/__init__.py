"""Results that count: a project's indicators and their measurements over time (DESIGN.md)."""
