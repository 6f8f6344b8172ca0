// Placeholder: CurlHTTP is filled in by its issue.
