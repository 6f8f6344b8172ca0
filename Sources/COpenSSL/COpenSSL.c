#include "COpenSSL.h"

#include "CLibraryLoader.h"
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
    vodmcp_crypto *table = calloc(1, sizeof *table);
    if (table == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    const vodmcp_library_symbol symbols[] = {
        {"EVP_md5", &table->md5},
        {"EVP_sha1", &table->sha1},
        {"EVP_sha256", &table->sha256},
        {"EVP_MD_CTX_new", &table->md_ctx_new},
        {"EVP_MD_CTX_free", &table->md_ctx_free},
        {"EVP_DigestInit_ex", &table->digest_init_ex},
        {"EVP_DigestUpdate", &table->digest_update},
        {"EVP_DigestFinal_ex", &table->digest_final_ex},
        {"HMAC", &table->hmac},
        {"OpenSSL_version", &table->version},
    };
    void *handle = vodmcp_library_open(name, symbols, sizeof symbols / sizeof symbols[0],
                                       "vod-mcp needs OpenSSL 3's libcrypto", error, error_size);
    if (handle == NULL) {
        free(table);
        return NULL;
    }
    return table;
}
