// Placeholder: VODDocs is filled in by its issue.
