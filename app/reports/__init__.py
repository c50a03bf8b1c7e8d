"""Dashboards and exports: the public figures, the reviewers' figures and the CSV files."""
