"""Build benchmark: our generator against the same pages as plain Markdown, at growing catalogue sizes."""
