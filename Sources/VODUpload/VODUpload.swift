// Placeholder: VODUpload is filled in by its issue.
