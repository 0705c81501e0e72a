"""The content contract: lesson front matter, the legal-reference registry and the content lint."""
