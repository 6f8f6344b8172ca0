#ifndef VODMCP_COPENSSL_H
#define VODMCP_COPENSSL_H

// OpenSSL's libcrypto, opened on first use. The binary does not link libcrypto: the dynamic loader would otherwise map
// it (about 3 MB resident) before main runs, even in a session that never signs a request. Types and constants come
// from the system's <openssl/evp.h> (Debian: libssl-dev); the functions come from `vodmcp_crypto_load`, which opens
// libcrypto.so.3 with dlopen and resolves each function we call with dlsym. Swift calls libcrypto only through a
// `vodmcp_crypto` table (a direct EVP_* call would not link, which keeps it that way).
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stddef.h>

/// The libcrypto functions vod-mcp calls (digests and HMAC), resolved from the loaded library.
typedef struct vodmcp_crypto {
    const EVP_MD *_Nonnull (*_Nonnull md5)(void);
    const EVP_MD *_Nonnull (*_Nonnull sha1)(void);
    const EVP_MD *_Nonnull (*_Nonnull sha256)(void);
    EVP_MD_CTX *_Nullable (*_Nonnull md_ctx_new)(void);
    void (*_Nonnull md_ctx_free)(EVP_MD_CTX *_Nullable);
    int (*_Nonnull digest_init_ex)(EVP_MD_CTX *_Nonnull, const EVP_MD *_Nonnull, ENGINE *_Nullable);
    int (*_Nonnull digest_update)(EVP_MD_CTX *_Nonnull, const void *_Nonnull, size_t);
    int (*_Nonnull digest_final_ex)(EVP_MD_CTX *_Nonnull, unsigned char *_Nonnull, unsigned int *_Nullable);
    unsigned char *_Nullable (*_Nonnull hmac)(
        const EVP_MD *_Nonnull, const void *_Nullable key, int key_length, const unsigned char *_Nullable data,
        size_t data_length, unsigned char *_Nonnull out, unsigned int *_Nullable out_length);
    const char *_Nonnull (*_Nonnull version)(int type);
} vodmcp_crypto;

/// The library name the loader opens by default: the runtime package's soname (Debian: libssl3).
extern const char *_Nonnull const vodmcp_crypto_default_library;

/// The OpenSSL version the headers describe (the one vod-mcp was built against), e.g. `3.0.19`.
extern const char *_Nonnull const vodmcp_crypto_build_version;

/// Opens `name` and resolves every function of `vodmcp_crypto`. Returns a table that lives as long as the process,
/// or NULL with the reason written into `error` (the loader's own words, or a function the library lacks). Each call
/// opens the library again (dlopen counts references): callers keep one table, loaded once (Swift's lazy statics
/// run their initialiser exactly once, even when several threads ask at the same moment).
const vodmcp_crypto *_Nullable vodmcp_crypto_load(
    const char *_Nonnull name, char *_Nonnull error, size_t error_size);
#endif
