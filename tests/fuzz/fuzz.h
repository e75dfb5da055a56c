/* fuzz.h: what the fuzz harnesses share. Each harness defines LLVMFuzzerTestOneInput; built
 * with clang -fsanitize=fuzzer it is a libFuzzer target (meson option fuzz, `./run fuzz`),
 * and linked with replay.c it is an ordinary test that runs its corpus and every input that
 * once crashed it (tests/fuzz/regress) under the sanitizers of the build.
 *
 * A harness aborts, as a crash would, when an input breaks a promise tandem makes of every
 * input: an error names its file (and line), and nothing that loads gives NaN or Inf. */
#ifndef TANDEM_FUZZ_H
#define TANDEM_FUZZ_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tandem/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Defined when the harness runs with allocation failures injected (failalloc.c, `replay_NAME
 * --fail-alloc`): true once an allocation has been made to fail. */
__attribute__((weak)) bool fuzz_alloc_failed(void);

/* What the harness itself needs (a buffer, a temporary file): without it the input cannot
 * be tried. A crash, unless an injected allocation failure took it away; then the input is
 * done with. */
#define FUZZ_NEED(cond)                                                                            \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (fuzz_alloc_failed && fuzz_alloc_failed()) return 0;                                \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* FUZZ_NEED in a function that returns nothing. */
#define FUZZ_NEED_VOID(cond)                                                                       \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (fuzz_alloc_failed && fuzz_alloc_failed()) return;                                  \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The input as a NUL-terminated string (a NUL inside ends it early). */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s && fuzz_alloc_failed && fuzz_alloc_failed()) return NULL;
    if (!s) abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* "nan" or "inf" as a word of its own in text of n bytes */
static inline bool
fuzz_says_nan(const char *text, size_t n)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (i > 0 && isalnum((unsigned char)text[i - 1])) continue;
        if ((!strncasecmp(text + i, "nan", 3) || !strncasecmp(text + i, "inf", 3)) &&
            (i + 3 == n || !isalnum((unsigned char)text[i + 3])))
            return true;
    }
    return false;
}

/* An error must say what it is about: it starts with the file's name. */
static inline void
fuzz_check_error(const tdm_error *err, const char *path)
{
    if (err->cls == TDM_ESYSTEM) return; /* out of memory, a file that cannot be read */
    if (strncmp(err->msg, path, strlen(path)) != 0 || !err->msg[strlen(path)]) {
        fprintf(stderr, "an error that does not name %s: \"%s\"\n", path, err->msg);
        abort();
    }
}

#endif
