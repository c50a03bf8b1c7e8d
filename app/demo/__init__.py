"""Demo data for development, built through the real domain functions; outside the domain."""
