/* strmap.h (private to the library): names to indices, by open addressing. The keys are
 * not copied: they must outlive the map (arena strings). */
#ifndef TANDEM_STRMAP_H
#define TANDEM_STRMAP_H

#include <stddef.h>

typedef struct tdm_strmap {
    const char **key;
    int *val;
    size_t cap, n;
} tdm_strmap;

/* The value stored for key, or -1. */
int tdm_strmap_find(const tdm_strmap *m, const char *key);
/* Stores key -> val (replacing); 0, or -1 when memory runs out. */
int tdm_strmap_put(tdm_strmap *m, const char *key, int val);
void tdm_strmap_free(tdm_strmap *m);

/* Values set again and again (sweeps, Monte Carlo) without growing an arena: each
 * owner.key has two buffers used in turn, so the previous value stays valid until the next
 * change (a failed change can go back to it). Longer values go to the arena. */
#include "tandem/arena.h"

enum { TDM_VALBUF = 64 };

typedef struct tdm_valbufs {
    tdm_strmap names;
    struct tdm_valbuf {
        char s[2][TDM_VALBUF];
        int next;
    } * *b; /* each allocated on its own: the strings never move */
    int n, cap;
} tdm_valbufs;

const char *tdm_valbuf_put(tdm_valbufs *v, tdm_arena *a, const char *owner, const char *key,
                           const char *value);
void tdm_valbufs_free(tdm_valbufs *v);

#endif
