"""The domain: plain functions that flush and never commit. Views, the API and the CLI call them."""
