"""A plain Django site serving our release page's content: the bare render (from a dict) and the
same page from SQLite or PostgreSQL in three queries."""
