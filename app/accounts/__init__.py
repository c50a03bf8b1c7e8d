"""Accounts: people, their roles and reviewer regions, log-in, passwords, e-mail links and API tokens."""
