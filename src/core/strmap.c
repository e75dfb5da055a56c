#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* FNV-1a (Fowler, Noll and Vo). */
static size_t
hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return (size_t)h;
}

int
tdm_strmap_find(const tdm_strmap *m, const char *key)
{
    if (!m->cap) return -1;
    for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->key[i]) return -1;
        if (!strcmp(m->key[i], key)) return m->val[i];
    }
}

static int
grow(tdm_strmap *m)
{
    size_t cap = m->cap ? 2 * m->cap : 64;
    tdm_strmap n = {calloc(cap, sizeof *n.key), calloc(cap, sizeof *n.val), cap, 0};
    if (!n.key || !n.val) {
        free(n.key);
        free(n.val);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->key[i]) tdm_strmap_put(&n, m->key[i], m->val[i]);
    tdm_strmap_free(m);
    *m = n;
    return 0;
}

int
tdm_strmap_put(tdm_strmap *m, const char *key, int val)
{
    if (2 * (m->n + 1) > m->cap && grow(m)) return -1;
    size_t i = hash(key) & (m->cap - 1);
    for (; m->key[i]; i = (i + 1) & (m->cap - 1))
        if (!strcmp(m->key[i], key)) {
            m->val[i] = val;
            return 0;
        }
    m->key[i] = key;
    m->val[i] = val;
    m->n++;
    return 0;
}

void
tdm_strmap_free(tdm_strmap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

const char *
tdm_valbuf_put(tdm_valbufs *v, tdm_arena *a, const char *owner, const char *key, const char *value)
{
    size_t len = strlen(value);
    if (len >= TDM_VALBUF) return tdm_arena_strdup(a, value);
    char name[256];
    snprintf(name, sizeof name, "%s\x1f%s", owner, key);
    int i = tdm_strmap_find(&v->names, name);
    if (i < 0) {
        if (v->n == v->cap) {
            int cap = v->cap ? 2 * v->cap : 8;
            struct tdm_valbuf **p = realloc(v->b, (size_t)cap * sizeof *p);
            if (!p) return NULL;
            v->b = p;
            v->cap = cap;
        }
        struct tdm_valbuf *nb = calloc(1, sizeof *nb);
        const char *stored = tdm_arena_strdup(a, name);
        if (!nb || !stored || tdm_strmap_put(&v->names, stored, v->n)) {
            free(nb);
            return NULL;
        }
        i = v->n++;
        v->b[i] = nb;
    }
    struct tdm_valbuf *b = v->b[i];
    char *dst = b->s[b->next];
    b->next ^= 1;
    memcpy(dst, value, len + 1);
    return dst;
}

void
tdm_valbufs_free(tdm_valbufs *v)
{
    tdm_strmap_free(&v->names);
    for (int i = 0; i < v->n; i++)
        free(v->b[i]);
    free(v->b);
    memset(v, 0, sizeof *v);
}
