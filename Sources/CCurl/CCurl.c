#if !defined(__APPLE__)
#define _GNU_SOURCE // pthread_setname_np
#endif
#include "CCurl.h"

#include "CLibraryLoader.h"
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
    vodmcp_curl *table = calloc(1, sizeof *table);
    if (table == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    const vodmcp_library_symbol symbols[] = {
        {"curl_global_init", &table->global_init},
        {"curl_version", &table->version},
        {"curl_easy_init", &table->easy_init},
        {"curl_easy_setopt", &table->easy_setopt},
        {"curl_easy_getinfo", &table->easy_getinfo},
        {"curl_easy_cleanup", &table->easy_cleanup},
        {"curl_easy_strerror", &table->easy_strerror},
        {"curl_slist_append", &table->slist_append},
        {"curl_slist_free_all", &table->slist_free_all},
        {"curl_multi_init", &table->multi_init},
        {"curl_multi_setopt", &table->multi_setopt},
        {"curl_multi_add_handle", &table->multi_add_handle},
        {"curl_multi_remove_handle", &table->multi_remove_handle},
        {"curl_multi_perform", &table->multi_perform},
        {"curl_multi_info_read", &table->multi_info_read},
        {"curl_multi_poll", &table->multi_poll},
        {"curl_multi_wakeup", &table->multi_wakeup},
        {"curl_multi_cleanup", &table->multi_cleanup},
        {"curl_share_init", &table->share_init},
        {"curl_share_setopt", &table->share_setopt},
        {"curl_share_cleanup", &table->share_cleanup},
    };
    void *handle = vodmcp_library_open(name, symbols, sizeof symbols / sizeof symbols[0],
                                       "vod-mcp needs libcurl 7.68 or later", error, error_size);
    if (handle == NULL) {
        free(table);
        return NULL;
    }
    CURLcode code = table->global_init(CURL_GLOBAL_DEFAULT);
    if (code != CURLE_OK) {
        snprintf(error, error_size, "curl_global_init failed: %s", table->easy_strerror(code));
        vodmcp_library_close(handle);
        free(table);
        return NULL;
    }
    return table;
}

void vodmcp_curl_name_thread(const char *name) {
#if defined(__APPLE__)
    pthread_setname_np(name);
#else
    pthread_setname_np(pthread_self(), name);
#endif
}
