/* Hostile and malformed flowsheets: each file in tests/malformed/ starts with
 *     ; expect: LINE: MESSAGE
 * (or `; expect: : MESSAGE` for an error about the whole file) and must fail to load with
 * "FILE:LINE: MESSAGE" as an input error (exit status 2 from the tool, nothing on standard
 * output). The expected line and message were written by hand from the fault planted in
 * the file: truncated files, binary bytes, control characters, text that is not UTF-8,
 * stray carriage returns and byte-order marks, typographic dashes and non-breaking spaces,
 * unit typos, absurd and negative values, sums a hair above one, reactions that create
 * atoms or are not reactions at all. Inputs too big to keep as files (10 MB lines, files
 * over the size limit, thousands of sections) are made in memory below. */
#include <dirent.h>
#include <unistd.h>

#include "../run_cmd.h"
#include "../shard.h"
#include "../support.h"

static char files[512][1024];
static int nfiles;
static test_shard shard; /* the files this program runs the tool on (--shard K/N) */

static int
cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void
read_expectation(const char *path, char *expect, size_t n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[1024] = "";
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    const char *tag = "; expect: ";
    assert_memory_equal(line, tag, strlen(tag));
    line[strcspn(line, "\r\n")] = '\0';
    const char *rest = line + strlen(tag);
    const char *colon = strchr(rest, ':');
    assert_non_null(colon);
    /* "path:LINE: MESSAGE", or "path: MESSAGE" for an error about the whole file */
    if (colon == rest)
        snprintf(expect, n, "%s:%s", path, colon + 1);
    else
        snprintf(expect, n, "%s:%.*s:%s", path, (int)(colon - rest), rest, colon + 1);
}

static void
test_each_malformed_file_gets_its_message_from_the_library(void **state)
{
    (void)state;
    assert_true(nfiles >= 100);
    for (int i = 0; i < nfiles; i++) {
        char expect[1200];
        read_expectation(files[i], expect, sizeof expect);
        tdm_flowsheet *fs = NULL;
        tdm_error err = {0};
        int rc = tdm_flowsheet_load(files[i], &fs, &err);
        if (rc == 0) {
            print_error("%s loaded without error\n", files[i]);
            tdm_flowsheet_free(fs);
            fail();
        }
        assert_null(fs);
        if (err.cls != TDM_EINPUT || strstr(err.msg, expect) != err.msg) {
            print_error("%s\n  expected: %s\n  got:      %s (class %d)\n", files[i], expect,
                        err.msg, err.cls);
            fail();
        }
    }
}

static void
test_each_malformed_file_exits_2_from_the_tool_with_nothing_on_stdout(void **state)
{
    (void)state;
    for (int i = 0; i < nfiles; i++) {
        if (!test_shard_has(shard, i)) continue;
        char expect[1200];
        read_expectation(files[i], expect, sizeof expect);
        const char *cmds[][3] = {{"solve", files[i], NULL}, {"check", files[i], NULL}};
        for (int c = 0; c < 2; c++) {
            run_result r = run_tandem(cmds[c]);
            if (r.status != 2 || r.out[0] != '\0' || !strstr(r.err, expect)) {
                print_error("tandem %s %s: status %d\nstdout: %s\nstderr: %s\nexpected: %s\n",
                            cmds[c][0], files[i], r.status, r.out, r.err, expect);
                run_free(&r);
                fail();
            }
            run_free(&r);
        }
    }
}

static tdm_error
load_bytes(const char *text, size_t len)
{
    tdm_flowsheet *fs = NULL;
    tdm_error err = {0};
    if (tdm_flowsheet_load_string(text, len, "mem.ini", &fs, &err) == 0) {
        tdm_flowsheet_free(fs);
        err.cls = TDM_OK;
    }
    return err;
}

static void
test_empty_binary_and_oversized_input_are_refused(void **state)
{
    (void)state;
    tdm_error e = load_bytes("", 0);
    assert_int_equal(e.cls, TDM_EINPUT);
    assert_string_equal(e.msg, "mem.ini: the file holds no sections; a flowsheet needs "
                               "[flowsheet] and its units");
    e = load_bytes("; only a comment\n\n", 18);
    assert_int_equal(e.cls, TDM_EINPUT);
    /* a NUL byte on line 2 */
    static const char nul[] = "[flowsheet]\nmain_product\0 = CO\n";
    e = load_bytes(nul, sizeof nul - 1);
    assert_int_equal(e.cls, TDM_EINPUT);
    assert_non_null(strstr(e.msg, "mem.ini:2: binary data (a NUL byte)"));
    /* a 10,000-character value on line 2 */
    size_t n = 10100;
    char *big = malloc(n + 1);
    strcpy(big, "[flowsheet]\ntitle = ");
    size_t l = strlen(big);
    memset(big + l, 'x', 10000);
    big[l + 10000] = '\n';
    big[l + 10001] = '\0';
    e = load_bytes(big, strlen(big));
    free(big);
    assert_int_equal(e.cls, TDM_EINPUT);
    assert_non_null(strstr(e.msg, "mem.ini:2: line is too long"));
    /* over the size limit: 64 MiB unless $TANDEM_MAX_FILE_MB says otherwise; 4 MiB here */
    assert_int_equal(tdm_max_file_bytes(), TDM_DEFAULT_MAX_FILE_BYTES);
    setenv("TANDEM_MAX_FILE_MB", "4", 1);
    assert_int_equal(tdm_max_file_bytes(), 4 << 20);
    size_t huge = tdm_max_file_bytes() + 1;
    char *h = calloc(huge, 1);
    memset(h, '\n', huge);
    e = load_bytes(h, huge);
    free(h);
    assert_int_equal(e.cls, TDM_EINPUT);
    assert_non_null(strstr(e.msg, "file is too large"));
    /* the same from disk: reading stops past the limit, and the message gives the size the
     * file system knows, 10,000,000 bytes (a file of that many newlines) */
    char path[] = "/tmp/tandem-huge-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *hf = fdopen(fd, "w");
    assert_non_null(hf);
    for (int i = 0; i < 10000; i++) {
        char kb[1000];
        memset(kb, '\n', sizeof kb);
        assert_int_equal(fwrite(kb, 1, sizeof kb, hf), sizeof kb);
    }
    assert_int_equal(fclose(hf), 0);
    tdm_flowsheet *fs;
    assert_int_not_equal(tdm_flowsheet_load(path, &fs, &e), 0);
    unlink(path);
    assert_int_equal(e.cls, TDM_EINPUT);
    char want[200];
    snprintf(want, sizeof want,
             "%s: file is too large (10000000 bytes; the limit is 4194304, $TANDEM_MAX_FILE_MB "
             "sets another)",
             path);
    assert_string_equal(e.msg, want);
    unsetenv("TANDEM_MAX_FILE_MB");
    /* a missing file */
    assert_int_not_equal(tdm_flowsheet_load("/nonexistent/x.ini", &fs, &e), 0);
    assert_int_equal(e.cls, TDM_ESYSTEM);
    assert_non_null(strstr(e.msg, "/nonexistent/x.ini: cannot open"));
    /* a directory opens but does not read */
    assert_int_not_equal(tdm_flowsheet_load("/tmp", &fs, &e), 0);
    assert_int_equal(e.cls, TDM_ESYSTEM);
    assert_string_equal(e.msg, "/tmp: cannot read the file: Is a directory");
}

/* head, then line(i) for i = 0 .. n-1, where line is a printf format taking i once. */
static char *
numbered(const char *head, const char *line, long n, size_t *len)
{
    size_t cap = strlen(head) + (size_t)n * (strlen(line) + 12) + 2;
    char *t = malloc(cap);
    assert_non_null(t);
    size_t at = (size_t)snprintf(t, cap, "%s", head), l = strlen(line);
    bool fmt = strchr(line, '%') != NULL;
    for (long i = 0; i < n; i++)
        if (fmt) {
            at += (size_t)snprintf(t + at, cap - at, line, i);
        } else {
            memcpy(t + at, line, l);
            at += l;
        }
    *len = at;
    return t;
}

/* Loads text (freed here) and expects an input error starting with `want`. */
static void
refused(char *text, size_t len, const char *want)
{
    tdm_error e = load_bytes(text, len);
    free(text);
    if (e.cls != TDM_EINPUT || strstr(e.msg, want) != e.msg) {
        print_error("expected: %s\ngot (%d): %s\n", want, e.cls, e.msg);
        fail();
    }
}

static void
test_limits_are_refused_with_their_numbers(void **state)
{
    (void)state;
    size_t len;
    /* a 10 MB line: the file, 12 + 8 + 10485760 + 1 = 10485781 bytes, is over a limit set to
     * 4 MiB (4 << 20 = 4194304 bytes) */
    setenv("TANDEM_MAX_FILE_MB", "4", 1);
    char *t = numbered("[flowsheet]\ntitle = ", "x", 10l << 20, &len);
    t[len++] = '\n';
    refused(t, len, "mem.ini: file is too large (10485781 bytes; the limit is 4194304)");
    unsetenv("TANDEM_MAX_FILE_MB");
    /* a 3 MB line within it: `title = ` and 3145728 x's, 3145736 characters */
    t = numbered("[flowsheet]\ntitle = ", "x", 3l << 20, &len);
    t[len++] = '\n';
    refused(t, len, "mem.ini:2: line is too long (3145736 characters");
    /* 100,002 units after [flowsheet]: the section on line 100003 is one over the limit of
     * TDM_MAX_UNITS + 1 sections */
    t = numbered("[flowsheet]\nmain_product = CO\n", "[u%ld]\n", 100002, &len);
    refused(t, len, "mem.ini:100003: too many sections (the limit is 100001)");
    /* 1,001 keys in one section: the 1,001st, on line 1002, is refused */
    t = numbered("[flowsheet]\n", "k%ld = 1\n", 1001, &len);
    refused(t, len, "mem.ini:1002: [flowsheet] too many keys (the limit is 1000)");
    /* 65 species of the flowsheet's own, 7 lines each from line 3: the 65th,
     * [species.S64] on line 3 + 64 x 7 = 451, is refused */
    t = numbered("[flowsheet]\nmain_product = CO\n",
                 "[species.S%ld]\nformula = C2H6O2\nphase = solid\nhf = -100 kJ/mol\n"
                 "gf = -50 kJ/mol\nsource = test\n\n",
                 65, &len);
    refused(t, len,
            "mem.ini:451: [species.S64] too many species of the flowsheet's own (limit 64)");
}

static void
test_crlf_bom_and_indented_files_read_like_plain_ones(void **state)
{
    (void)state;
    const char *plain = "[flowsheet]\nmain_product = CO2\n[f]\nkind = feed\nout = a\n"
                        "composition.CO2 = 1\nflow = 2 mol/s\n[p]\nkind = product\nin = a\n";
    const char *odd =
        "\xef\xbb\xbf[flowsheet]\r\n  main_product = CO2   ; inline comment\r\n"
        "# a comment\r\n[f]\r\n\tkind = feed\r\n  out = a\r\n"
        "  composition.CO2 = 1\r\n  flow = 2 mol/s\r\n[p]\r\nkind = product\r\nin = a";
    tdm_simulation a, b;
    tdm_flowsheet *fa = solve_text(plain, &a);
    tdm_flowsheet *fb = solve_text(odd, &b);
    assert_close(b.results->summary.product_mol_s, a.results->summary.product_mol_s, 0);
    assert_close(b.results->summary.product_mol_s, 2.0, 0);
    tdm_simulation_free(&a);
    tdm_simulation_free(&b);
    tdm_flowsheet_free(fa);
    tdm_flowsheet_free(fb);
}

int
main(int argc, char **argv)
{
    shard = test_shard_parse(argc, argv);
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    if (!root) return 1;
    char dir[512];
    snprintf(dir, sizeof dir, "%s/tests/malformed", root);
    DIR *d = opendir(dir);
    if (!d) return 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (nfiles == (int)(sizeof files / sizeof *files)) {
            fprintf(stderr, "more malformed files than the test has room for\n");
            exit(1);
        }
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".ini") == 0)
            snprintf(files[nfiles++], sizeof files[0], "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(files, (size_t)nfiles, sizeof files[0], cmp);
    /* a process of the tool per file and command is most of this program's time: each share
     * runs the tool on its files, and the first share also does the library's checks */
    const struct CMUnitTest tool[] = {
        cmocka_unit_test(test_each_malformed_file_exits_2_from_the_tool_with_nothing_on_stdout),
    };
    const struct CMUnitTest library[] = {
        cmocka_unit_test(test_each_malformed_file_gets_its_message_from_the_library),
        cmocka_unit_test(test_limits_are_refused_with_their_numbers),
        cmocka_unit_test(test_empty_binary_and_oversized_input_are_refused),
        cmocka_unit_test(test_crlf_bom_and_indented_files_read_like_plain_ones),
    };
    int failed = cmocka_run_group_tests(tool, NULL, NULL);
    if (shard.k == 0) failed += cmocka_run_group_tests(library, NULL, NULL);
    return failed;
}
