#include "COpenSSL.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__APPLE__)
const char *const vodmcp_crypto_default_library = "libcrypto.3.dylib";
#else
const char *const vodmcp_crypto_default_library = "libcrypto.so.3";
#endif

const char *const vodmcp_crypto_build_version = OPENSSL_VERSION_STR;

const vodmcp_crypto *vodmcp_crypto_load(const char *name, char *error, size_t error_size) {
    if (error_size > 0) error[0] = 0;
    // RTLD_LOCAL: libcrypto's symbols serve only this table. RTLD_NOW: a broken install fails here, not mid-digest.
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason != NULL ? reason : "dlopen failed without a reason");
        return NULL;
    }
    vodmcp_crypto *table = calloc(1, sizeof *table);
    if (table == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(handle);
        return NULL;
    }
    // POSIX lets a data pointer from dlsym hold a function's address; memcpy moves it into the typed field.
#define VODMCP_RESOLVE(field, symbol)                                                                         \
    do {                                                                                                       \
        void *address = dlsym(handle, symbol);                                                                 \
        if (address == NULL) {                                                                                 \
            snprintf(error, error_size, "%s has no %s (vod-mcp needs OpenSSL 3's libcrypto)", name, symbol);   \
            goto fail;                                                                                         \
        }                                                                                                      \
        memcpy(&table->field, &address, sizeof address);                                                       \
    } while (0)
    VODMCP_RESOLVE(md5, "EVP_md5");
    VODMCP_RESOLVE(sha1, "EVP_sha1");
    VODMCP_RESOLVE(sha256, "EVP_sha256");
    VODMCP_RESOLVE(md_ctx_new, "EVP_MD_CTX_new");
    VODMCP_RESOLVE(md_ctx_free, "EVP_MD_CTX_free");
    VODMCP_RESOLVE(digest_init_ex, "EVP_DigestInit_ex");
    VODMCP_RESOLVE(digest_update, "EVP_DigestUpdate");
    VODMCP_RESOLVE(digest_final_ex, "EVP_DigestFinal_ex");
    VODMCP_RESOLVE(hmac, "HMAC");
    VODMCP_RESOLVE(version, "OpenSSL_version");
#undef VODMCP_RESOLVE
    return table;
fail:
    free(table);
    dlclose(handle);
    return NULL;
}
