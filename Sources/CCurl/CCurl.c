#if !defined(__APPLE__)
#define _GNU_SOURCE // pthread_setname_np
#endif
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__APPLE__)
const char *const vodmcp_curl_default_library = "libcurl.4.dylib";
#else
const char *const vodmcp_curl_default_library = "libcurl.so.4";
#endif

const char *const vodmcp_curl_build_version = LIBCURL_VERSION;

const vodmcp_curl *vodmcp_curl_load(const char *name, char *error, size_t error_size) {
    if (error_size > 0) error[0] = 0;
    // RTLD_LOCAL: libcurl's symbols serve only this table. RTLD_NOW: a broken install fails here, not mid-transfer.
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason != NULL ? reason : "dlopen failed without a reason");
        return NULL;
    }
    vodmcp_curl *table = calloc(1, sizeof *table);
    if (table == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(handle);
        return NULL;
    }
    // POSIX lets a data pointer from dlsym hold a function's address; memcpy moves it into the typed field.
#define VODMCP_RESOLVE(field, symbol)                                                                       \
    do {                                                                                                       \
        void *address = dlsym(handle, symbol);                                                                 \
        if (address == NULL) {                                                                                 \
            snprintf(error, error_size, "%s has no %s (vod-mcp needs libcurl 7.68 or later)", name, symbol);   \
            goto fail;                                                                                         \
        }                                                                                                      \
        memcpy(&table->field, &address, sizeof address);                                                       \
    } while (0)
    VODMCP_RESOLVE(global_init, "curl_global_init");
    VODMCP_RESOLVE(version, "curl_version");
    VODMCP_RESOLVE(easy_init, "curl_easy_init");
    VODMCP_RESOLVE(easy_setopt, "curl_easy_setopt");
    VODMCP_RESOLVE(easy_getinfo, "curl_easy_getinfo");
    VODMCP_RESOLVE(easy_cleanup, "curl_easy_cleanup");
    VODMCP_RESOLVE(easy_strerror, "curl_easy_strerror");
    VODMCP_RESOLVE(slist_append, "curl_slist_append");
    VODMCP_RESOLVE(slist_free_all, "curl_slist_free_all");
    VODMCP_RESOLVE(multi_init, "curl_multi_init");
    VODMCP_RESOLVE(multi_setopt, "curl_multi_setopt");
    VODMCP_RESOLVE(multi_add_handle, "curl_multi_add_handle");
    VODMCP_RESOLVE(multi_remove_handle, "curl_multi_remove_handle");
    VODMCP_RESOLVE(multi_perform, "curl_multi_perform");
    VODMCP_RESOLVE(multi_info_read, "curl_multi_info_read");
    VODMCP_RESOLVE(multi_poll, "curl_multi_poll");
    VODMCP_RESOLVE(multi_wakeup, "curl_multi_wakeup");
    VODMCP_RESOLVE(multi_cleanup, "curl_multi_cleanup");
    VODMCP_RESOLVE(share_init, "curl_share_init");
    VODMCP_RESOLVE(share_setopt, "curl_share_setopt");
    VODMCP_RESOLVE(share_cleanup, "curl_share_cleanup");
#undef VODMCP_RESOLVE
    CURLcode code = table->global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(error, error_size, "curl_global_init failed: %s", table->easy_strerror(code));
        goto fail;
    }
    return table;
fail:
    free(table);
    dlclose(handle);
    return NULL;
}

void vodmcp_curl_name_thread(const char *name) {
#if defined(__APPLE__)
    pthread_setname_np(name);
#else
    pthread_setname_np(pthread_self(), name);
#endif
}
