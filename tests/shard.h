/* shard.h: a test program's share of a directory walk. `--shard K/N` on the command line
 * gives the program the items i with i % N == K - 1, so that meson runs N programs side by
 * side, each well inside its timeout; without it the program takes every item. */
#ifndef TANDEM_TEST_SHARD_H
#define TANDEM_TEST_SHARD_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct test_shard {
    int k, n; /* this program is share k (from 0) of n */
} test_shard;

/* Reads `--shard K/N` from argv; exits with a message on anything else. */
static inline test_shard
test_shard_parse(int argc, char **argv)
{
    test_shard s = {0, 1};
    for (int i = 1; i < argc; i++) {
        int k, n, used = 0;
        if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc &&
            sscanf(argv[i + 1], "%d/%d%n", &k, &n, &used) == 2 && argv[i + 1][used] == '\0' &&
            n >= 1 && k >= 1 && k <= n) {
            s = (test_shard){k - 1, n};
            i++;
            continue;
        }
        fprintf(stderr, "%s: unknown argument `%s` (--shard K/N)\n", argv[0], argv[i]);
        exit(2);
    }
    return s;
}

static inline bool
test_shard_has(test_shard s, int i)
{
    return i % s.n == s.k;
}

#endif
