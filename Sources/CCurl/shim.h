#ifndef VODMCP_CCURL_SHIM_H
#define VODMCP_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt / curl_easy_getinfo / curl_share_setopt / curl_multi_setopt are variadic
// and cannot be called from Swift. One typed wrapper per argument kind.
static inline CURLcode vodmcp_curl_easy_setopt_long(CURL *_Nonnull h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_string(CURL *_Nonnull h, CURLoption o, const char *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_pointer(CURL *_Nonnull h, CURLoption o, void *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_off_t(CURL *_Nonnull h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_slist(CURL *_Nonnull h, CURLoption o, struct curl_slist *_Nullable v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode vodmcp_curl_easy_setopt_share(CURL *_Nonnull h, CURLSH *_Nullable v) {
    return curl_easy_setopt(h, CURLOPT_SHARE, v);
}
typedef size_t (*vodmcp_curl_data_callback)(char *_Nonnull, size_t, size_t, void *_Nullable);
static inline CURLcode vodmcp_curl_easy_setopt_data_callback(CURL *_Nonnull h, CURLoption o, vodmcp_curl_data_callback _Nullable cb) {
    return curl_easy_setopt(h, o, cb);
}
typedef int (*vodmcp_curl_xferinfo_callback)(void *_Nullable, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode vodmcp_curl_easy_setopt_xferinfo(CURL *_Nonnull h, vodmcp_curl_xferinfo_callback _Nullable cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
static inline CURLcode vodmcp_curl_easy_getinfo_long(CURL *_Nonnull h, CURLINFO i, long *_Nonnull v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLSHcode vodmcp_curl_share_setopt_long(CURLSH *_Nonnull s, CURLSHoption o, long v) {
    return curl_share_setopt(s, o, v);
}
static inline CURLMcode vodmcp_curl_multi_setopt_long(CURLM *_Nonnull m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
#endif
