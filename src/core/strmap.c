#include "strmap.h"

#include "tandem/ini.h"
#include "tandem/quantity.h"

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

/* A copy of s in a, unless `was` already says the same. */
static const char *
same_or_copy(tdm_arena *a, const char *was, const char *s)
{
    return was && !strcmp(was, s) ? was : tdm_arena_strdup(a, s);
}

int
tdm_lazy_keep(tdm_lazies *l, tdm_arena *a, struct tdm_section *sec, struct tdm_kv *kv,
              const char *owner, const char *key, double si, const char *shown, const char *suffix)
{
    int i = (int)(kv - sec->kv);
    for (int k = 0; k < l->n && kv->lazy <= 0; k++)
        if (l->e[k].sec == sec && l->e[k].i == i) kv->lazy = k + 1;
    if (kv->lazy <= 0) {
        if (l->n == l->cap) {
            int cap = l->cap ? 2 * l->cap : 16;
            tdm_lazy *p = realloc(l->e, (size_t)cap * sizeof *p);
            if (!p) return -1;
            l->e = p;
            l->cap = cap;
        }
        l->e[l->n] = (tdm_lazy){.sec = sec, .i = i};
        kv->lazy = ++l->n;
    }
    tdm_lazy *e = &l->e[kv->lazy - 1];
    e->si = si;
    /* the caller's strings may not outlive the flowsheet or scenario: kept copies, made
     * again only when they change (a study passes the same ones at every sample) */
    e->owner = same_or_copy(a, e->owner, owner);
    e->key = same_or_copy(a, e->key, key);
    e->shown = same_or_copy(a, e->shown, shown);
    e->suffix = suffix ? same_or_copy(a, e->suffix, suffix) : NULL;
    return e->owner && e->key && e->shown && (!suffix || e->suffix) ? 0 : -1;
}

int
tdm_lazy_write(tdm_lazies *l, tdm_valbufs *v, tdm_arena *a, struct tdm_kv *kv)
{
    if (kv->lazy <= 0) return 0;
    const tdm_lazy *e = &l->e[kv->lazy - 1];
    char buf[200];
    tdm_quantity_text(buf, sizeof buf, e->si, e->shown, e->suffix);
    const char *text = tdm_valbuf_put(v, a, e->owner, e->key, buf);
    if (!text) return -1;
    kv->value = text;
    kv->lazy = 0;
    return 0;
}

int
tdm_lazy_write_all(tdm_lazies *l, tdm_valbufs *v, tdm_arena *a)
{
    for (int k = 0; k < l->n; k++) {
        struct tdm_kv *kv = &l->e[k].sec->kv[l->e[k].i];
        if (kv->lazy == k + 1 && tdm_lazy_write(l, v, a, kv)) return -1;
    }
    return 0;
}

void
tdm_lazies_free(tdm_lazies *l)
{
    free(l->e);
    memset(l, 0, sizeof *l);
}
