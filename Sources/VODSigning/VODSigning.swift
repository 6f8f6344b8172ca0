// Placeholder: VODSigning is filled in by its issue.
