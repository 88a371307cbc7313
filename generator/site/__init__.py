"""The privacy page and the banner's config: what a visitor's browser receives."""
