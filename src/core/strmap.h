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

struct tdm_section;
struct tdm_kv;

/* Numbers set in place whose text is written only when the key is read: a study sets a key
 * at every sample, and writing each number out as text (to be read back) would cost more
 * than the solve. A key kv with kv->lazy = k + 1 holds its newest number in entry k; the
 * flowsheet's unit keys and the scenario's [prices] keep theirs here. */
typedef struct tdm_lazy {
    struct tdm_section *sec; /* the key is sec->kv[i] (kv arrays may move as keys are added) */
    int i;
    const char *owner, *key; /* its value buffers' names (tdm_valbuf_put) */
    double si;
    const char *shown, *suffix; /* display unit ("" none, "C"), text after the number */
} tdm_lazy;
typedef struct tdm_lazies {
    tdm_lazy *e;
    int n, cap;
} tdm_lazies;

/* Keeps si as the newest number of sec->kv[i] (kv), to be shown in `shown` with `suffix`
 * (NULL: none) after it; owner, key, shown and suffix are copied into a, again only when
 * they change. 0, or -1 when memory runs out. */
int tdm_lazy_keep(tdm_lazies *l, tdm_arena *a, struct tdm_section *sec, struct tdm_kv *kv,
                  const char *owner, const char *key, double si, const char *shown,
                  const char *suffix);
/* Writes kv's text from its newest number if it is out of date; 0, or -1 when memory runs
 * out (the old text kept). */
int tdm_lazy_write(tdm_lazies *l, tdm_valbufs *v, tdm_arena *a, struct tdm_kv *kv);
/* The same for every key l holds. */
int tdm_lazy_write_all(tdm_lazies *l, tdm_valbufs *v, tdm_arena *a);
void tdm_lazies_free(tdm_lazies *l);

#endif
