/* failalloc.h: allocation failure injection for the fuzz replays (failalloc.c). */
#ifndef TANDEM_FAILALLOC_H
#define TANDEM_FAILALLOC_H

#include <stdbool.h>

/* Counts the allocations made from now on and fails the k-th; FAILALLOC_COUNT counts and
 * fails none. */
#define FAILALLOC_COUNT LONG_MAX
void failalloc_arm(long k);
void failalloc_disarm(void);
long failalloc_count(void);  /* allocations counted since failalloc_arm */
bool failalloc_failed(void); /* the k-th was reached and failed */

#endif
