"""The core: extensions, the request's one commit point, errors, security headers, cache, i18n and
mail. It knows no feature."""
