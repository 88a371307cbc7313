"""What visitors and auditors read in words: built-in legal texts, catalogs, Markdown and template set-up."""
