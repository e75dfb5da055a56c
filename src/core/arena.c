#include "tandem/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
    struct block *next;
    size_t used, size;
    max_align_t data[];
};

struct tdm_arena {
    struct block *head;
};

enum { BLOCK_MIN = 16384 };

tdm_arena *
tdm_arena_new(void)
{
    return calloc(1, sizeof(tdm_arena));
}

void
tdm_arena_free(tdm_arena *a)
{
    if (!a) return;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void
tdm_arena_reset(tdm_arena *a)
{
    /* one block as large as all of them, so that the same work after the reset (a study's
     * next results) fits in it and allocates nothing: keeping only the largest block made
     * every later remake allocate the rest again */
    size_t total = 0;
    int n = 0;
    for (struct block *b = a->head; b; b = b->next, n++)
        total += b->size;
    if (n > 1) {
        struct block *one = malloc(sizeof(struct block) + total);
        if (one) {
            for (struct block *b = a->head, *next; b; b = next) {
                next = b->next;
                free(b);
            }
            one->size = total;
            one->next = NULL;
            a->head = one;
        }
    }
    struct block *keep = NULL;
    for (struct block *b = a->head; b; b = b->next)
        if (!keep || b->size > keep->size) keep = b;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        if (b != keep) free(b);
        b = next;
    }
    a->head = keep;
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
}

void *
tdm_arena_alloc(tdm_arena *a, size_t size)
{
    void *p = tdm_arena_alloc_raw(a, size);
    if (p) memset(p, 0, size);
    return p;
}

void *
tdm_arena_alloc_raw(tdm_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    if (size > SIZE_MAX / 2) return NULL;
    size = (size + align - 1) / align * align;
    if (size == 0) size = align;
    struct block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t cap = size > BLOCK_MIN ? size : BLOCK_MIN;
        b = malloc(sizeof(struct block) + cap);
        if (!b) return NULL;
        b->size = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void *
tdm_arena_calloc(tdm_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    return tdm_arena_alloc(a, n * size);
}

char *
tdm_arena_strndup(tdm_arena *a, const char *s, size_t n)
{
    char *p = tdm_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
tdm_arena_strdup(tdm_arena *a, const char *s)
{
    return tdm_arena_strndup(a, s, strlen(s));
}

char *
tdm_arena_printf(tdm_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n < 0 ? NULL : tdm_arena_alloc(a, (size_t)n + 1);
    if (p) vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}
