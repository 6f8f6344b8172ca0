#ifndef VODMCP_CCURL_H
#define VODMCP_CCURL_H

// libcurl, opened on first use. The binary does not link libcurl: its ~30 dependencies (nghttp2, libssh2, rtmp,
// LDAP, Kerberos, ...) would otherwise be mapped before main runs, even by a session that never makes a request.
// Types and constants come from the system's <curl/curl.h> (Debian: libcurl4-openssl-dev); the functions come from
// `vodmcp_curl_load`, which opens libcurl.so.4 with dlopen and resolves each function we call with dlsym. Swift calls
// libcurl only through a `vodmcp_curl` table (a direct curl_* call would not link, which keeps it that way).
#include <curl/curl.h>
#include <stddef.h>

/// The libcurl functions vod-mcp calls, resolved from the loaded library.
typedef struct vodmcp_curl {
    CURLcode (*_Nonnull global_init)(long flags);
    char *_Nonnull (*_Nonnull version)(void);
    CURL *_Nullable (*_Nonnull easy_init)(void);
    CURLcode (*_Nonnull easy_setopt)(CURL *_Nonnull, CURLoption, ...);
    CURLcode (*_Nonnull easy_getinfo)(CURL *_Nonnull, CURLINFO, ...);
    void (*_Nonnull easy_cleanup)(CURL *_Nonnull);
    const char *_Nonnull (*_Nonnull easy_strerror)(CURLcode);
    struct curl_slist *_Nullable (*_Nonnull slist_append)(struct curl_slist *_Nullable, const char *_Nonnull);
    void (*_Nonnull slist_free_all)(struct curl_slist *_Nullable);
    CURLM *_Nullable (*_Nonnull multi_init)(void);
    CURLMcode (*_Nonnull multi_setopt)(CURLM *_Nonnull, CURLMoption, ...);
    CURLMcode (*_Nonnull multi_add_handle)(CURLM *_Nonnull, CURL *_Nonnull);
    CURLMcode (*_Nonnull multi_remove_handle)(CURLM *_Nonnull, CURL *_Nonnull);
    CURLMcode (*_Nonnull multi_perform)(CURLM *_Nonnull, int *_Nonnull running);
    CURLMsg *_Nullable (*_Nonnull multi_info_read)(CURLM *_Nonnull, int *_Nonnull remaining);
    CURLMcode (*_Nonnull multi_poll)(
        CURLM *_Nonnull, struct curl_waitfd *_Nullable, unsigned int count, int timeout_ms, int *_Nullable ready);
    CURLMcode (*_Nonnull multi_wakeup)(CURLM *_Nonnull);
    CURLMcode (*_Nonnull multi_cleanup)(CURLM *_Nonnull);
    CURLSH *_Nullable (*_Nonnull share_init)(void);
    CURLSHcode (*_Nonnull share_setopt)(CURLSH *_Nonnull, CURLSHoption, ...);
    CURLSHcode (*_Nonnull share_cleanup)(CURLSH *_Nonnull);
} vodmcp_curl;

/// The library name the loader opens by default: the runtime package's soname (Debian: libcurl4).
extern const char *_Nonnull const vodmcp_curl_default_library;

/// The libcurl version the headers describe (the one vod-mcp was built against).
extern const char *_Nonnull const vodmcp_curl_build_version;

/// Opens `name`, resolves every function of `vodmcp_curl` and runs `curl_global_init(CURL_GLOBAL_DEFAULT)`.
/// Returns a table that lives as long as the process, or NULL with the reason written into `error` (the loader's own
/// words, a function the library lacks, or the failed initialisation). Not safe to call concurrently: callers run it
/// once (Swift's lazy statics do) before any other thread uses libcurl.
const vodmcp_curl *_Nullable vodmcp_curl_load(
    const char *_Nonnull name, char *_Nonnull error, size_t error_size);

/// Names the calling thread (for debuggers and `perf`); the Swift overlay for glibc does not offer
/// pthread_setname_np.
void vodmcp_curl_name_thread(const char *_Nonnull name);

// curl_easy_setopt / curl_easy_getinfo / curl_share_setopt / curl_multi_setopt are variadic and cannot be called
// from Swift. One typed wrapper per argument kind, each a proper variadic call through the table.
static inline CURLcode vodmcp_curl_easy_setopt_long(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, long v) {
    return c->easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_string(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, const char *_Nullable v) {
    return c->easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_pointer(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, void *_Nullable v) {
    return c->easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_off_t(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, curl_off_t v) {
    return c->easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_slist(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, struct curl_slist *_Nullable v) {
    return c->easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_share(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLSH *_Nullable v) {
    return c->easy_setopt(h, CURLOPT_SHARE, v);
}
typedef size_t (*vodmcp_curl_data_callback)(char *_Nonnull, size_t, size_t, void *_Nullable);
static inline CURLcode vodmcp_curl_easy_setopt_data_callback(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLoption o, vodmcp_curl_data_callback _Nullable cb) {
    return c->easy_setopt(h, o, cb);
}
typedef int (*vodmcp_curl_xferinfo_callback)(void *_Nullable, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode vodmcp_curl_easy_setopt_xferinfo(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, vodmcp_curl_xferinfo_callback _Nullable cb) {
    return c->easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
static inline CURLcode vodmcp_curl_easy_getinfo_long(
    const vodmcp_curl *_Nonnull c, CURL *_Nonnull h, CURLINFO i, long *_Nonnull v) {
    return c->easy_getinfo(h, i, v);
}
static inline CURLSHcode vodmcp_curl_share_setopt_long(
    const vodmcp_curl *_Nonnull c, CURLSH *_Nonnull s, CURLSHoption o, long v) {
    return c->share_setopt(s, o, v);
}
static inline CURLMcode vodmcp_curl_multi_setopt_long(
    const vodmcp_curl *_Nonnull c, CURLM *_Nonnull m, CURLMoption o, long v) {
    return c->multi_setopt(m, o, v);
}
#endif
