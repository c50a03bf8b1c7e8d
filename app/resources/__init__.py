"""Resource pooling: needs, pledges, the pool of offers, matching and progress, quantities and currencies."""
