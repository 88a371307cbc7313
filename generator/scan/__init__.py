"""`policygen scan`: a live site checked against its policy in real Chromium."""
