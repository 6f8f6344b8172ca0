#ifndef VODMCP_CLIBRARYLOADER_H
#define VODMCP_CLIBRARYLOADER_H

#include <stddef.h>

/// One function to resolve: its exported name and the table field (a function pointer) that receives its address.
typedef struct {
    const char *symbol;
    void *field;
} vodmcp_library_symbol;

/// Opens the shared library `name` (RTLD_NOW | RTLD_LOCAL: a broken install fails here, and its symbols serve only
/// the caller's table) and stores the address of each of `symbols` in its field. Returns the handle, or NULL with
/// `error` holding the loader's reason, or "<name> has no <symbol> (<requirement>)" when a function is missing.
/// Used by the shims of the libraries vod-mcp opens on first use instead of linking (CCurl, COpenSSL).
void *vodmcp_library_open(const char *name, const vodmcp_library_symbol *symbols, size_t count,
                          const char *requirement, char *error, size_t error_size);

/// Closes a handle from `vodmcp_library_open`.
void vodmcp_library_close(void *handle);

#endif
