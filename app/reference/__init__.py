"""Reference data of the programme: regions, countries and themes."""
