// Placeholder: VODAPI is filled in by its issue.
