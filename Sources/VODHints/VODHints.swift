// Placeholder: VODHints is filled in by its issue.
