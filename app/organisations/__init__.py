"""Partner organisations: the directory, registering and editing, memberships and verification."""
