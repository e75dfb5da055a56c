/* replay.c: runs a fuzz harness on files, as libFuzzer would on its corpus, without
 * libFuzzer: `replay_NAME DIR|FILE...` reads every file (directories recursively, in name
 * order) into a buffer of exactly its size, so a read past the end is caught by
 * AddressSanitizer, and hands it to LLVMFuzzerTestOneInput.
 *
 * `replay_NAME --fail-alloc N DIR|FILE...` is the memory-limited mode: each input is run
 * once counting its allocations (failalloc.c), then N times more, each time with one of
 * them failing, as on a system out of memory: the first, the last and N - 2 spread between
 * (from an offset that differs from input to input, so that a corpus covers them all).
 * Every promise of the harness still holds, the sanitizers watch, and leaks are leaks. */
#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>

#include "failalloc.h"
#include "fuzz.h"

__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int count;
static long fail_points, fail_runs; /* --fail-alloc N; the runs made with a failure */

/* The input as the harness sees it, and under --fail-alloc with each chosen allocation
 * failing. */
static void
try_input(const uint8_t *buf, size_t size)
{
    if (!fail_points) {
        LLVMFuzzerTestOneInput(buf, size);
        return;
    }
    failalloc_arm(FAILALLOC_COUNT);
    LLVMFuzzerTestOneInput(buf, size);
    long n = failalloc_count();
    failalloc_disarm();
    if (n == 0) return;
    unsigned long h = 5381; /* the offset: a hash of the input */
    for (size_t i = 0; i < size; i++)
        h = h * 33 + buf[i];
    long points = fail_points < n ? fail_points : n;
    for (long i = 0; i < points; i++) {
        long k = i == 0            ? 1
                 : i == points - 1 ? n
                 : points >= n
                     ? i + 1
                     : 1 + (long)((h + (unsigned long)(i * (n / points))) % (unsigned long)n);
        failalloc_arm(k);
        LLVMFuzzerTestOneInput(buf, size);
        failalloc_disarm();
        fail_runs++;
    }
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) return -1;
        char **names = NULL;
        size_t n = 0, cap = 0;
        for (struct dirent *e; (e = readdir(d));) {
            if (e->d_name[0] == '.') continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                char **p = realloc(names, cap * sizeof *p);
                if (!p) abort();
                names = p;
            }
            size_t l = strlen(path) + strlen(e->d_name) + 2;
            names[n] = malloc(l);
            if (!names[n]) abort();
            snprintf(names[n++], l, "%s/%s", path, e->d_name);
        }
        closedir(d);
        if (n) qsort(names, n, sizeof *names, by_name);
        int rc = 0;
        for (size_t i = 0; i < n; i++) {
            rc |= run_path(names[i]);
            free(names[i]);
        }
        free(names);
        return rc;
    }
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t size = (size_t)st.st_size;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf || fread(buf, 1, size, f) != size) {
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    try_input(buf, size);
    free(buf);
    count++;
    return 0;
}

int
main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "--fail-alloc")) {
        char *end;
        fail_points = strtol(argv[2], &end, 10);
        if (*end || fail_points < 1) {
            fprintf(stderr, "replay: --fail-alloc takes a number of failures per input\n");
            return 2;
        }
        first = 3;
    }
    int rc = 0;
    for (int i = first; i < argc; i++)
        rc |= run_path(argv[i]);
    if (fail_points) {
        printf("replay: %d inputs, %ld runs with an allocation failed\n", count, fail_runs);
        if (fail_runs == 0) { /* failalloc.c's malloc was not the one called (valgrind's?) */
            fprintf(stderr, "replay: no allocation could be made to fail\n");
            return 1;
        }
    } else
        printf("replay: %d inputs\n", count);
    return rc || count == 0;
}
