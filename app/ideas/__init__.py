"""Calls for ideas, ideas, their supports and offers of help, and their adoption into initiatives."""
