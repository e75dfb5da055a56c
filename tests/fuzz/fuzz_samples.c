/* Fuzzes the reader of Monte Carlo sample files (`tandem merge`): the input holds one or two
 * shard files separated by a form feed (\f), written to a directory of their own and read
 * as `tandem merge` reads them, then summarized and reported in every format. Promises
 * checked, besides no crash: an error names its file (or says which sample no file holds),
 * and no NaN or Inf reaches a report. */
#include <ctype.h>
#include <stdbool.h>
#include <strings.h>
#include <unistd.h>

#include "fuzz.h"
#include "tandem/arena.h"
#include "tandem/report.h"
#include "tandem/study.h"

static char dir[256], paths[2][300];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tandem-fuzz-samples-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) abort();
    for (int i = 0; i < 2; i++)
        snprintf(paths[i], sizeof paths[i], "%s/s%d.csv", dir, i + 1);
    return 0;
}

static void
cleanup(void)
{
    for (int i = 0; i < 2; i++)
        unlink(paths[i]);
    rmdir(dir);
}

static bool
put(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    if (!dir[0]) LLVMFuzzerInitialize(NULL, NULL);
    if (!registered++) atexit(cleanup);
    /* the budget: runs of up to 100,000 samples (the reader takes 10^8, in gigabytes) */
    for (size_t i = 0; i + 8 <= size; i++)
        if (!memcmp(data + i, "samples=", 8)) {
            size_t k = i + 8, digits = 0;
            long v = 0;
            while (k < size && (isspace(data[k]) || data[k] == '+'))
                k++;
            for (; k < size && isdigit(data[k]) && digits < 7; k++, digits++)
                v = 10 * v + (data[k] - '0');
            if (digits == 7 || v > 100000) return 0;
        }
    const uint8_t *ff = memchr(data, '\f', size);
    size_t first = ff ? (size_t)(ff - data) : size;
    FUZZ_NEED(put(paths[0], data, first));
    int npaths = 1;
    if (ff) {
        FUZZ_NEED(put(paths[1], ff + 1, size - first - 1));
        npaths = 2;
    }
    const char *const files[2] = {paths[0], paths[1]};
    tdm_arena *a = tdm_arena_new();
    FUZZ_NEED(a);
    tdm_mc mc;
    tdm_error err = {0};
    if (tdm_mc_read(files, npaths, a, &mc, &err)) {
        if (strncmp(err.msg, "sample ", 7) != 0) /* "sample 3 of 10 is in none of the files" */
            fuzz_check_error(&err, dir);
    } else {
        tdm_mc_summary *sum = malloc(sizeof *sum);
        if (!sum) {
            tdm_mc_free(&mc);
            tdm_arena_free(a);
        }
        FUZZ_NEED(sum);
        if (tdm_mc_summarize(&mc, 1.0, sum) == 0) {
            char *text = NULL;
            size_t n = 0;
            FILE *f = open_memstream(&text, &n);
            if (!f) {
                free(sum);
                tdm_mc_free(&mc);
                tdm_arena_free(a);
            }
            FUZZ_NEED(f);
            for (int fmt = TDM_FMT_TEXT; fmt <= TDM_FMT_JSON; fmt++)
                tdm_report_mc(f, (enum tdm_format)fmt, &mc, sum);
            fclose(f);
            /* names in the files may say "inf" themselves, and the report echoes them */
            if (!fuzz_says_nan((const char *)data, size) && fuzz_says_nan(text, n)) {
                fprintf(stderr, "a report shows NaN or Inf:\n%.*s\n", (int)n, text);
                abort();
            }
            free(text);
        }
        free(sum);
        tdm_mc_free(&mc);
    }
    tdm_arena_free(a);
    return 0;
}
