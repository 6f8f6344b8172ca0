#include "CLibraryLoader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *vodmcp_library_open(const char *name, const vodmcp_library_symbol *symbols, size_t count,
                          const char *requirement, char *error, size_t error_size) {
    if (error_size > 0) error[0] = 0;
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason != NULL ? reason : "dlopen failed without a reason");
        return NULL;
    }
    for (size_t index = 0; index < count; index++) {
        void *address = dlsym(handle, symbols[index].symbol);
        if (address == NULL) {
            snprintf(error, error_size, "%s has no %s (%s)", name, symbols[index].symbol, requirement);
            dlclose(handle);
            return NULL;
        }
        // POSIX lets a data pointer from dlsym hold a function's address; memcpy moves it into the typed field.
        memcpy(symbols[index].field, &address, sizeof address);
    }
    return handle;
}

void vodmcp_library_close(void *handle) {
    if (handle != NULL) dlclose(handle);
}
