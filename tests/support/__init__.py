

def fresh_pages(app) -> None:
    """Empty the page cache (app/core/cache.py), so that the next request of a cached page runs its view:
    for tests that count a view's queries."""
    from app.core.cache import cache

    with app.app_context():
        cache.clear()
