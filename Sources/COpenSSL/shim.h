#ifndef VODMCP_COPENSSL_SHIM_H
#define VODMCP_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/md5.h>
#include <openssl/crypto.h>

// Macros that Swift cannot see, exposed as functions.
static inline const EVP_MD *_Nonnull vodmcp_evp_sha1(void) { return EVP_sha1(); }
static inline const EVP_MD *_Nonnull vodmcp_evp_sha256(void) { return EVP_sha256(); }
static inline const EVP_MD *_Nonnull vodmcp_evp_md5(void) { return EVP_md5(); }
#endif
