"""Resource pooling pages."""
