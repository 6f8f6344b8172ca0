// Placeholder: VODCatalog is filled in by its issue.
