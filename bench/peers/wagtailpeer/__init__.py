"""A Wagtail site serving our release page's content, as `wagtail start` would set one up."""
