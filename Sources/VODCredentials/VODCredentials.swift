// Placeholder: VODCredentials is filled in by its issue.
