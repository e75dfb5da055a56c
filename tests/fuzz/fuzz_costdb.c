/* Fuzzes the cost database: the CSV reader (libcsv) on the raw input, then the three tables
 * a scenario reads, equipment, prices and cost index, with their checks. The input holds
 * the three files separated by form feeds (\f); they are written to a directory of their
 * own and read through a fixed scenario, as `tandem cost` reads them. */
#include <unistd.h>

#include "fuzz.h"
#include "table.h"
#include "tandem/tea.h"

static char dir[256];

static bool
put(const char *name, const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/tandem-fuzz-costdb-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) abort();
    static const char scenario[] = "[scenario]\nyear = 2023\nequipment = e.csv\n"
                                   "prices = p.csv\nindex = i.csv\n";
    if (!put("s.ini", (const uint8_t *)scenario, sizeof scenario - 1)) abort();
    return 0;
}

static void
cleanup(void)
{
    static const char *const names[] = {"s.ini", "e.csv", "p.csv", "i.csv"};
    char path[512];
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    if (!dir[0]) LLVMFuzzerInitialize(NULL, NULL);
    if (!registered++) atexit(cleanup);
    /* the CSV reader alone */
    tdm_arena *a = tdm_arena_new();
    FUZZ_NEED(a);
    tdm_table t;
    tdm_error err = {0};
    if (tdm_table_read_string((const char *)data, size, "fuzz.csv", a, &t, &err) == 0)
        free(t.rows);
    else
        fuzz_check_error(&err, "fuzz.csv");
    tdm_arena_free(a);
    /* the three tables through a scenario */
    static const char *const names[] = {"e.csv", "p.csv", "i.csv"};
    size_t at = 0;
    for (int i = 0; i < 3; i++) {
        const uint8_t *ff = at < size ? memchr(data + at, '\f', size - at) : NULL;
        size_t end = ff ? (size_t)(ff - data) : size;
        FUZZ_NEED(put(names[i], data + at, end - at));
        at = ff ? end + 1 : size;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/s.ini", dir);
    tdm_scenario *sc = NULL;
    if (tdm_scenario_load(path, &sc, &err) == 0)
        tdm_scenario_free(sc);
    else if (err.cls != TDM_ESYSTEM && !strstr(err.msg, dir))
        abort(); /* every error names the file it is about */
    return 0;
}
