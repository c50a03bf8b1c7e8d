"""Admin pages: people, roles and reviewer regions, organisations and their verification, the gate settings."""
