/* tandem/arena.h: one arena per loaded flowsheet.
 *
 * Strings and tables made while parsing live in the flowsheet's arena and are freed
 * together with it. Allocation returns NULL when memory runs out; callers report it. */
#ifndef TANDEM_ARENA_H
#define TANDEM_ARENA_H

#include <stddef.h>

typedef struct tdm_arena tdm_arena;

tdm_arena *tdm_arena_new(void);
void tdm_arena_free(tdm_arena *a);
/* Forgets everything allocated, keeping one block as large as all it had, so that the same
 * work again allocates nothing. */
void tdm_arena_reset(tdm_arena *a);
/* Zeroed memory, aligned for any type. */
void *tdm_arena_alloc(tdm_arena *a, size_t size);
/* The same without the zeroing, for a caller that fills or clears what it uses. */
void *tdm_arena_alloc_raw(tdm_arena *a, size_t size);
void *tdm_arena_calloc(tdm_arena *a, size_t n, size_t size);
char *tdm_arena_strdup(tdm_arena *a, const char *s);
char *tdm_arena_strndup(tdm_arena *a, const char *s, size_t n);
/* printf into the arena. */
char *tdm_arena_printf(tdm_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
