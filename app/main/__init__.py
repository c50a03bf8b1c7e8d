"""The home page and the language switcher."""
