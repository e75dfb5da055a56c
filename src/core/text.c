#include "text.h"
#include <stdio.h>

#include <string.h>
#include <strings.h>

int
tdm_text_distance(const char *a, const char *b, int cap)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return cap + 1;
    int prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            int m = sub < del ? sub : del;
            cur[j] = m < ins ? m : ins;
            if (cur[j] < best) best = cur[j];
        }
        if (best > cap) return cap + 1;
        memcpy(prev, cur, sizeof(int) * (lb + 1));
    }
    return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *
tdm_text_nearest(const char *s, const char *const *cand, int n)
{
    for (int i = 0; i < n; i++) /* "co2" for CO2 first */
        if (!strcasecmp(s, cand[i])) return cand[i];
    int cap = strlen(s) <= 4 ? 1 : 2;
    const char *best = NULL;
    int bestd = cap + 1;
    for (int i = 0; i < n; i++) {
        int d = tdm_text_distance(s, cand[i], cap);
        if (d < bestd) {
            bestd = d;
            best = cand[i];
        }
    }
    /* else the one key a shortened name begins ("discount" for discount_rate) */
    size_t l = strlen(s);
    for (int i = 0; i < n && !best && l >= 4; i++)
        if (!strncmp(cand[i], s, l)) {
            for (int j = i + 1; j < n; j++)
                if (!strncmp(cand[j], s, l)) return NULL; /* more than one: no guess */
            best = cand[i];
        }
    return best;
}

void
tdm_text_unknown_key(char *buf, size_t n, const char *key, const char *what,
                     const char *const *known, int nknown)
{
    const char *near = tdm_text_nearest(key, known, nknown);
    int l = snprintf(buf, n, "unknown key `%s`%s%s", key, what ? " for " : "", what ? what : "");
    if (l < 0 || (size_t)l >= n) return;
    if (near) {
        snprintf(buf + l, n - (size_t)l, "; did you mean `%s`?", near);
        return;
    }
    size_t at = (size_t)l;
    for (int i = 0; i < nknown && at < n; i++) {
        int w = snprintf(buf + at, n - at, "%s%s", i ? ", " : " (accepted: ", known[i]);
        if (w < 0) return;
        at += (size_t)w;
    }
    if (nknown > 0 && at < n) snprintf(buf + at, n - at, ")");
}

static char *
trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

int
tdm_text_split(char *s, char **items, int max)
{
    int n = 0;
    for (;;) {
        char *comma = strchr(s, ',');
        if (comma) *comma = '\0';
        char *item = trim(s);
        if (*item == '\0' || n == max) return -1;
        items[n++] = item;
        if (!comma) return n;
        s = comma + 1;
    }
}

void
tdm_text_trim_copy(char *buf, size_t n, const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len >= n) len = n - 1;
    memmove(buf, s, len); /* buf and s may overlap: trimming in place */
    buf[len] = '\0';
}

size_t
tdm_text_bad_byte(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) return i;
            i++;
            continue;
        }
        /* lead byte: the length and the range of the second byte (RFC 3629, table 3-7 of
         * the Unicode standard) */
        size_t len;
        unsigned lo = 0x80, hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            if (c == 0xe0) lo = 0xa0;
            if (c == 0xed) hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            if (c == 0xf0) lo = 0x90;
            if (c == 0xf4) hi = 0x8f;
        } else {
            return i;
        }
        if (i + len > n) return i;
        if (u[i + 1] < lo || u[i + 1] > hi) return i;
        for (size_t k = 2; k < len; k++)
            if (u[i + k] < 0x80 || u[i + k] > 0xbf) return i;
        i += len;
    }
    return n;
}
