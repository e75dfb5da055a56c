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

#endif
