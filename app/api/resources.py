"""API: needs, pledges, pledge status and the pool of offers."""
