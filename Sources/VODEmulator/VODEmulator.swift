// Placeholder: VODEmulator is filled in by its issue.
