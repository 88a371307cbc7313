"""Reading a policy's source folder: YAML and Markdown → a validated `Policy`, with the place of every value."""
