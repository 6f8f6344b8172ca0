// Placeholder: VODServer is filled in by its issue.
