/* The command-line tool: help, version, formats, exit statuses, atomic output files. */
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "../run_cmd.h"
#include "../support.h"
#include "tandem/ini.h"
#include "tandem/io.h"

static char fs_one[512], fs_soec[512], fs_low[512];
/* one_cell_mea.ini with its cell's voltage and FE fixed numbers (tests/data/one_cell_fixed.ini):
 * the hand calculations below are of that cell */
static char fs_fixed[512];

static void
test_help_and_version(void **state)
{
    (void)state;
    run_result r = run_tandem((const char *[]){"--help", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: tandem COMMAND"));
    run_free(&r);
    r = run_tandem((const char *[]){"--version", NULL});
    assert_int_equal(r.status, 0);
    /* the version, and the data directory in use: the source tree, for a program run from
     * its build directory with no $TANDEM_DATA (the test's environment sets none) */
    char want[700];
    snprintf(want, sizeof want, "tandem 0.1.0\ndata: %s (source tree)\n",
             getenv("TANDEM_SOURCE_ROOT"));
    if (!getenv("TANDEM_DATA")) assert_string_equal(r.out, want);
    run_free(&r);
    const char *cmds[] = {"solve", "check",   "compare", "species",
                          "kinds", "explain", "diagram", "energy"};
    for (int i = 0; i < 8; i++) {
        r = run_tandem((const char *[]){cmds[i], "--help", NULL});
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: tandem "));
        run_free(&r);
    }
    r = run_tandem((const char *[]){"frobnicate", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown command `frobnicate`"));
    run_free(&r);
    r = run_tandem((const char *[]){"solve", fs_one, "--format", "xml", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown format `xml`"));
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void
test_species_lists_every_species_with_its_source(void **state)
{
    (void)state;
    run_result r = run_tandem((const char *[]){"species", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "C2H4"));
    assert_non_null(strstr(r.out, "ethylene"));
    assert_non_null(strstr(r.out, "CRC Handbook"));
    run_free(&r);
    r = run_tandem((const char *[]){"species", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    /* C2H4 row: 2 C, 4 H, no O, N, B, charge 0, 28.054 g/mol (2 x 12.011 + 4 x 1.008),
     * dHf 52.4, dGf 68.4 kJ/mol (CRC), 12 electrons from CO2; numbers to 10 digits, as every
     * CSV writes them */
    assert_non_null(strstr(r.out, "C2H4,ethylene,2,4,0,0,0,0,28.054,52.4,68.4,gas,12,"));
    run_free(&r);
}

static void
test_solve_prints_streams_units_and_summary(void **state)
{
    (void)state;
    run_result r = run_tandem((const char *[]){"solve", fs_one, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "STREAMS"));
    assert_non_null(strstr(r.out, "UNITS"));
    assert_non_null(strstr(r.out, "SUMMARY"));
    assert_non_null(strstr(r.out, "current density"));
    assert_non_null(strstr(r.out, "closed (tolerance 1e-09)"));
    /* a by-product's rate, but not the whole plant's energy over it: that read as what the
     * by-product costs (827 GJ/t of H2 in a plant making C2H4) */
    assert_non_null(strstr(r.out, "  by-product CO "));
    assert_null(strstr(r.out, "per t of CO"));
    run_free(&r);
    r = run_tandem((const char *[]){"solve", fs_one, "--format=csv", NULL});
    assert_int_equal(r.status, 0);
    assert_memory_equal(r.out, "section,item,quantity,unit,value\n", 33);
    /* 100 t/day of ethylene is the file's specification */
    assert_non_null(strstr(r.out, "summary,"));
    assert_non_null(strstr(r.out, ",product_rate,t/day,100\n"));
    run_free(&r);
}

static void
test_set_changes_a_key_before_the_solve(void **state)
{
    (void)state;
    /* Double the cell voltage: electrolyzer energy per tonne doubles, 243.17 -> 486.35 GJ/t
     * (41.27 x 7.0 / 0.6 / 0.99). */
    run_result r = run_tandem((const char *[]){"solve", fs_fixed, "--format", "csv", "--set",
                                               "cell.cell_voltage=7 V", NULL});
    assert_int_equal(r.status, 0);
    const char *p = strstr(r.out, ",electric_energy_electrolyzer,GJ/t,");
    assert_non_null(p);
    double v = strtod(p + strlen(",electric_energy_electrolyzer,GJ/t,"), NULL);
    assert_close(v, 41.27 * 7.0 / 0.6 / 0.99, 1e-3);
    run_free(&r);
    r = run_tandem((const char *[]){"solve", fs_fixed, "--set", "cell.cell_voltage", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--set takes unit.key=value"));
    run_free(&r);
    r = run_tandem((const char *[]){"solve", fs_fixed, "--set", "cell.fe.C2H4=1.5", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "[cell] `fe.C2H4 = 1.5` is out of range"));
    /* the line is the file's, the value the command line's: the message says so */
    assert_non_null(strstr(r.err, "\n  (the value comes from `--set cell.fe.C2H4=1.5`)\n"));
    run_free(&r);
}

/* fs_fixed written to a new file at path (a mkstemp template) with its unit [cell] named
 * by the section line `section` */
static void
rename_cell(char *path, const char *section)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *in = fopen(fs_fixed, "r"), *out = fdopen(fd, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[1024];
    while (fgets(line, sizeof line, in))
        fputs(strcmp(line, "[cell]\n") ? line : section, out);
    fclose(in);
    fclose(out);
}

/* A unit's name may hold dots (INI names: letters, digits, _ - .): `--set stage.1.key=V`
 * names the unit `stage.1`, the longest unit name before a dot, as a study's parameter and
 * an [optimize] key do; it was read as unit `stage` and refused. */
static void
test_set_reaches_a_unit_whose_name_holds_a_dot(void **state)
{
    (void)state;
    char path[] = "/tmp/tandem-dotted-XXXXXX";
    rename_cell(path, "[stage.1]\n");
    /* the same doubling as above: 41.27 x 7.0 / 0.6 / 0.99 GJ/t */
    run_result r = run_tandem((const char *[]){"solve", path, "--format", "csv", "--set",
                                               "stage.1.cell_voltage=7 V", NULL});
    assert_int_equal(r.status, 0);
    const char *p = strstr(r.out, ",electric_energy_electrolyzer,GJ/t,");
    assert_non_null(p);
    assert_close(strtod(p + strlen(",electric_energy_electrolyzer,GJ/t,"), NULL),
                 41.27 * 7.0 / 0.6 / 0.99, 1e-3);
    run_free(&r);
    /* a name that is no unit's is still named as such */
    r = run_tandem((const char *[]){"solve", path, "--set", "stage.2.cell_voltage=7 V", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no unit named [stage]"));
    run_free(&r);
    unlink(path);
}

/* A unit's name may open with `-` (INI names: letters, digits, _ - .), which a spreadsheet
 * opening the CSV takes for a formula: every CSV quotes it and prefixes ' (OWASP's advice
 * against CSV injection), in a long report's item and in a table's heading alike; the sweep
 * and tornado headings wrote it bare. */
static void
test_csv_keeps_a_name_that_reads_as_a_formula_text(void **state)
{
    (void)state;
    char path[] = "/tmp/tandem-minus-XXXXXX";
    rename_cell(path, "[-cell]\n");
    run_result r = run_tandem((const char *[]){"solve", path, "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\nunit,\"'-cell\",kind,,electrolyzer\n"));
    assert_null(strstr(r.out, "\nunit,-cell,"));
    run_free(&r);
    r = run_tandem((const char *[]){"sweep", path, "--vary", "-cell.cell_voltage=3..4:2",
                                    "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    const char *heading = "\"'-cell.cell_voltage [V]\",";
    assert_memory_equal(r.out, heading, strlen(heading));
    run_free(&r);
    unlink(path);
}

static void
test_output_files_are_complete_or_absent(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-cli-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char out[600];
    snprintf(out, sizeof out, "%s/report.json", dir);
    run_result r =
        run_tandem((const char *[]){"solve", fs_one, "--format", "json", "-o", out, NULL});
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    struct stat st;
    assert_int_equal(stat(out, &st), 0);
    assert_true(st.st_size > 1000);
    run_free(&r);
    unlink(out);
    /* A flowsheet that cannot be solved writes nothing. */
    char bad[600];
    snprintf(bad, sizeof bad, "%s/bad.ini", dir);
    FILE *f = fopen(bad, "w");
    fputs("[flowsheet]\nmain_product = CO\n[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
          "flow = 10 mol/s\n[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\n"
          "anode_out = a\nkey_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\n"
          "current_density = 200 mA/cm2\ncell_voltage = 3 V\nsingle_pass_conversion = 0.8\n"
          "carbonate_crossover = 0.25\n[gas]\nkind = product\nin = c\n"
          "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n",
          f);
    fclose(f);
    r = run_tandem((const char *[]){"solve", bad, "-o", out, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.ini:18: [cell] CO2 balance at the cathode cannot hold"));
    assert_int_not_equal(stat(out, &st), 0);
    run_free(&r);
    /* A directory that does not exist: exit 2, no stray temporary file. */
    char nodir[700];
    snprintf(nodir, sizeof nodir, "%s/missing/report.txt", dir);
    r = run_tandem((const char *[]){"solve", fs_one, "-o", nodir, NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    unlink(bad);
    assert_int_equal(rmdir(dir), 0); /* empty: nothing partial was left */
}

/* Copies src to dst; returns its bytes (malloc'ed) and size. */
static char *
copy_file(const char *src, const char *dst, size_t *n)
{
    FILE *f = fopen(src, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    f = fopen(dst, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, *n, f), *n);
    fclose(f);
    return buf;
}

static bool
unchanged(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char *now = malloc(n + 1);
    size_t m = fread(now, 1, n + 1, f);
    fclose(f);
    bool same = m == n && memcmp(now, bytes, n) == 0;
    free(now);
    return same;
}

static void
test_a_run_never_writes_its_inputs(void **state)
{
    (void)state;
    /* In a directory of copies: the flowsheet, the scenario and its three tables. */
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    char dir[] = "/tmp/tandem-inputs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const names[] = {"ee4.ini",    "base2023.ini", "equipment.csv",
                                        "prices.csv", "cepci.csv",    "carbon.csv"};
    const char *from[] = {"flowsheets/seed/ee4_soec_mea_ozden2021.ini",
                          "costs/base2023.ini",
                          "costs/equipment.csv",
                          "costs/prices.csv",
                          "costs/cepci.csv",
                          "costs/carbon.csv"};
    char path[6][700], src[700];
    char *bytes[6];
    size_t n[6];
    for (int i = 0; i < 6; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
        snprintf(src, sizeof src, "%s/%s", root, from[i]);
        bytes[i] = copy_file(src, path[i], &n[i]);
    }
    /* the flowsheet itself, named another way */
    char other[800];
    snprintf(other, sizeof other, "%s/../%s/ee4.ini", dir, dir + 5);
    run_result r = run_tandem((const char *[]){"solve", path[0], "-o", other, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "would overwrite the input"));
    run_free(&r);
    r = run_tandem((const char *[]){"mc", path[0], "--scenario", path[1], "--samples", "5",
                                    "--samples-csv", path[1], NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    /* a table the scenario reads, named nowhere on the command line */
    r = run_tandem((const char *[]){"mc", path[0], "--scenario", path[1], "--samples", "5", "-o",
                                    path[3], NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "is one of the files this run read"));
    run_free(&r);
    r = run_tandem((const char *[]){"sweep", path[0], "--scenario", path[1], "--vary",
                                    "mea.cell_voltage=2.8..3.2:3", "--chart", path[4], NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    /* the carbon intensities the scenario reads beside it */
    r = run_tandem((const char *[]){"cost", path[0], "--scenario", path[1], "-o", path[5], NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    for (int i = 0; i < 6; i++) {
        assert_true(unchanged(path[i], bytes[i], n[i]));
        free(bytes[i]);
        unlink(path[i]);
    }
    assert_int_equal(rmdir(dir), 0); /* and nothing else was left there */
}

/* What arrives in a FIFO (opened for reading before the run, so the run's write does not
 * block: the report fits a pipe's 64 kB), malloc'ed. */
static char *
drain(int fd)
{
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    ssize_t n;
    while (len + 1 < cap && (n = read(fd, buf + len, cap - len - 1)) > 0)
        len += (size_t)n;
    buf[len] = '\0';
    return buf;
}

static void
test_an_output_through_a_link_or_into_a_pipe_keeps_them(void **state)
{
    (void)state;
    /* An output that is not a regular file (a FIFO here; /dev/null and /dev/stdout alike)
     * is written into, not replaced by a rename: renaming over /dev/null as root would put
     * a regular file in its place. Through a symbolic link the target gets the report and
     * the link stays. A new file gets the permissions the umask gives. */
    run_result want = run_tandem((const char *[]){"solve", fs_one, NULL});
    assert_int_equal(want.status, 0);
    char dir[] = "/tmp/tandem-links-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fifo[600], target[600], link[600], svg[600];
    snprintf(fifo, sizeof fifo, "%s/report.fifo", dir);
    snprintf(target, sizeof target, "%s/target.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(svg, sizeof svg, "%s/d.svg", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    int fd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_true(fd >= 0);
    run_result r = run_tandem((const char *[]){"solve", fs_one, "-o", fifo, NULL});
    assert_int_equal(r.status, 0);
    char *got = drain(fd);
    close(fd);
    assert_string_equal(got, want.out);
    free(got);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    run_free(&r);
    /* the diagram, drawn by `dot` into a temporary file, then copied into the FIFO */
    assert_int_equal(mkfifo(svg, 0600), 0);
    fd = open(svg, O_RDONLY | O_NONBLOCK);
    assert_true(fd >= 0);
    r = run_tandem((const char *[]){"diagram", fs_one, "-o", svg, NULL});
    assert_int_equal(r.status, 0);
    got = drain(fd);
    close(fd);
    assert_non_null(strstr(got, "<svg"));
    free(got);
    assert_int_equal(lstat(svg, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    run_free(&r);
    /* a link to an old file */
    FILE *f = fopen(target, "w");
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(symlink("target.txt", link), 0);
    r = run_tandem((const char *[]){"solve", fs_one, "-o", link, NULL});
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_true(unchanged(target, want.out, strlen(want.out)));
    mode_t mask = umask(0);
    umask(mask);
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
    run_free(&want);
    unlink(link);
    unlink(target);
    unlink(svg);
    unlink(fifo);
    assert_int_equal(rmdir(dir), 0); /* and no temporary file was left beside them */
}

static void
test_an_interrupted_run_leaves_nothing(void **state)
{
    (void)state;
    /* A Monte Carlo run of 10^8 samples (minutes), stopped after 0.3 s by SIGTERM and
     * another by SIGINT: each dies of its signal, and its output directory stays empty. */
    static const int sigs[] = {SIGTERM, SIGINT};
    for (int s = 0; s < 2; s++) {
        char dir[] = "/tmp/tandem-interrupt-XXXXXX";
        assert_non_null(mkdtemp(dir));
        char out[600];
        snprintf(out, sizeof out, "%s/mc.txt", dir);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            execl(getenv("TANDEM_BIN"), "tandem", "mc", fs_soec, "--samples", "100000000",
                  "--samples-csv", out, "-o", out, (char *)NULL);
            _exit(127);
        }
        nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = 300000000}, NULL);
        kill(pid, sigs[s]);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[s]);
        assert_int_equal(rmdir(dir), 0); /* empty */
    }
    /* What the signal handler removes: a held directory with a held file in it, and a held
     * file dropped again (renamed into place), which stays. */
    char dir[] = "/tmp/tandem-held-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char inner[600], kept[600];
    snprintf(inner, sizeof inner, "%s/part.tmp", dir);
    snprintf(kept, sizeof kept, "%s.kept", dir);
    fclose(fopen(inner, "w"));
    fclose(fopen(kept, "w"));
    static tdm_io io;
    tdm_io_use(&io);
    tdm_tmp_hold(dir);
    tdm_tmp_hold(inner);
    tdm_tmp_hold(kept);
    tdm_tmp_drop(kept);
    tdm_tmp_remove_all();
    tdm_io_use(NULL);
    struct stat st;
    assert_int_not_equal(stat(inner, &st), 0);
    assert_int_not_equal(stat(dir, &st), 0);
    assert_int_equal(stat(kept, &st), 0);
    unlink(kept);
}

static void
test_the_same_input_gives_the_same_bytes(void **state)
{
    (void)state;
    /* Each report twice, the second time under another locale and time zone: nothing in
     * the output may depend on them, on the time, or on where memory lies. */
    const char *files[] = {fs_one, fs_soec, fs_low};
    const char *cmds[][4] = {{"solve", "--format", "json", NULL},
                             {"cost", "--format", "json", NULL},
                             {"solve", NULL, NULL, NULL}};
    for (int f = 0; f < 3; f++)
        for (int c = 0; c < 3; c++) {
            const char *args[6] = {cmds[c][0], files[f], cmds[c][1], cmds[c][2], NULL};
            unsetenv("TZ");
            unsetenv("LC_ALL");
            run_result a = run_tandem(args);
            setenv("TZ", "Asia/Tokyo", 1);
            setenv("LC_ALL", "de_DE.UTF-8", 1);
            run_result b = run_tandem(args);
            unsetenv("TZ");
            unsetenv("LC_ALL");
            assert_int_equal(a.status, 0);
            assert_int_equal(b.status, 0);
            assert_true(strlen(a.out) > 1000);
            assert_string_equal(a.out, b.out);
            run_free(&a);
            run_free(&b);
        }
}

static void
test_explain_writes_out_the_equations_with_their_numbers(void **state)
{
    (void)state;
    /* tests/data/one_cell_fixed.ini's cell: FE(C2H4) 0.60 over 12 electrons = 0.05 mol per mol of
     * e-; CO2 at the cathode: 0.5 (carbonate) + 0.6 x 2/12 + 0.1 x 1/2 = 0.65; power = 3.5 V x
     * 96485.33 C/mol = 337698.7 W per mol/s of e-. The plant makes 100 t/day of C2H4 = 41.257
     * mol/s, 0.99 of what the cell makes: 41.673 mol/s, so e- = 41.673 / 0.05 = 833.46 mol/s and
     * the power 833.46 x 337698.7 = 2.81459e8 W. */
    run_result r = run_tandem((const char *[]){"explain", fs_fixed, "cell", NULL});
    assert_int_equal(r.status, 0);
    const char *want[] = {"[cell] electrolyzer, line 47: 15 equations (14 balances, 1 "
                          "specification)",
                          "[cell] C2H4 balance at the cathode  (balance, line 47)",
                          "-0.05        [cell] electron flow I/F (mol/s)",
                          "+0.65        [cell] electron flow I/F (mol/s)",
                          "-337699      [cell] electron flow I/F (mol/s)",
                          "[cell] electron flow I/F (mol/s) = 833.46",
                          "[cell] electric power (W) = 2.8145",
                          "`rate` in [ethylene] (line 85): fixes the scale",
                          "67 equations for 67 variables: exactly specified"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(r.out, want[i])) {
            print_error("missing: %s\n%s", want[i], r.out);
            fail();
        }
    assert_null(strstr(r.out, "[co2_psa]")); /* only the unit asked for */
    assert_non_null(strstr(r.out, "in symbols: e = I/F, the electron flow. Faraday's law"));
    run_free(&r);
    /* every unit of the SOEC + MEA plant (feed, mixers, heater, coolers, electrolyzers,
     * separators, products: 14 units) gets its equations in symbols */
    r = run_tandem((const char *[]){"explain", fs_soec, NULL});
    assert_int_equal(r.status, 0);
    int units = 0, legends = 0;
    for (const char *p = r.out; (p = strstr(p, "\n[")); p++)
        units++;
    for (const char *p = r.out; (p = strstr(p, "  in symbols: ")); p++)
        legends++;
    assert_true(units >= 10);
    assert_int_equal(legends, units);
    run_free(&r);
    r = run_tandem((const char *[]){"explain", fs_fixed, "zzz", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no unit named [zzz]\n")); /* nothing near it */
    run_free(&r);
    /* a typo of a unit's name gets the unit it is near */
    r = run_tandem((const char *[]){"explain", fs_fixed, "celll", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no unit named [celll]; did you mean [cell]?\n"));
    run_free(&r);
    /* an under-specified flowsheet is explained all the same, with what is missing */
    r = run_tandem((const char *[]){"explain", fs_fixed, "--set", "cell.current=1 MA", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "over-specified"));
    assert_non_null(strstr(r.out, "It does not solve:"));
    run_free(&r);
}

static void
test_diagram_draws_units_and_labelled_streams(void **state)
{
    (void)state;
    /* one_cell_fixed.ini: the ethylene PSA's product stream carries the 100 t/day of C2H4
     * the file asks for, 1 % of the CO (the cell makes 0.10/2 x 833.46 = 41.67 mol/s =
     * 100.85 t/day, all of which passes the CO2 PSA: 1.01 t/day) and 0.1 % of the H2
     * (0.02 t/day): 101.03 t/day, 99 % C2H4 by mass; CO, at 0.998 %, is under the 1 %
     * shown. */
    run_result r = run_tandem((const char *[]){"diagram", fs_fixed, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "digraph flowsheet {"));
    assert_non_null(strstr(r.out, "[label=\"cell\\nelectrolyzer\", shape=box"));
    assert_non_null(strstr(r.out, "[label=\"c2h4_out\\n101 t/day: 99 % C2H4\"]"));
    run_free(&r);
    char dir[] = "/tmp/tandem-diagram-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char svg[600], png[600];
    snprintf(svg, sizeof svg, "%s/d.svg", dir);
    snprintf(png, sizeof png, "%s/d.png", dir);
    r = run_tandem((const char *[]){"diagram", fs_soec, "-o", svg, NULL});
    assert_int_equal(r.status, 0);
    run_free(&r);
    FILE *f = fopen(svg, "rb");
    assert_non_null(f);
    char head[4096] = "";
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    assert_non_null(strstr(head, "<svg"));
    r = run_tandem((const char *[]){"diagram", fs_soec, "-o", png, NULL});
    assert_int_equal(r.status, 0);
    run_free(&r);
    f = fopen(png, "rb");
    assert_non_null(f);
    unsigned char sig[8];
    assert_int_equal(fread(sig, 1, 8, f), 8);
    fclose(f);
    assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
    unlink(svg);
    unlink(png);
    /* without Graphviz on the PATH: a clear message, exit 2, nothing left behind */
    char *path = strdup(getenv("PATH"));
    setenv("PATH", "/nonexistent", 1);
    r = run_tandem((const char *[]){"diagram", fs_soec, "-o", svg, NULL});
    setenv("PATH", path, 1);
    free(path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "`dot` is not installed"));
    run_free(&r);
    assert_int_equal(rmdir(dir), 0);
}

static void
test_energy_says_where_the_electricity_goes(void **state)
{
    (void)state;
    /* flowsheets/tutorial/01_co_cell.ini, 1 t/day of CO: 2 F x 3.0 V / (0.95 x 0.02801
     * kg/mol) = 21.76 GJ/t of electricity; CO2 -> CO + 1/2 O2 is 283.0 kJ/mol, 35702 mol/t
     * = 10.10 GJ/t, and the H2 beside it (0.05/0.95 of the CO, from water at 285.8 kJ/mol)
     * 0.54 GJ/t: 10.64 stored; the rest, 11.12 GJ/t, is rejected as heat. */
    char path[700];
    snprintf(path, sizeof path, "%s/flowsheets/tutorial/01_co_cell.ini",
             getenv("TANDEM_SOURCE_ROOT"));
    run_result r = run_tandem((const char *[]){"energy", path, "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    double in = 0, stored = 0, rejected = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        double mw, gj;
        char label[128];
        /* a label holds no comma: not quoted (RFC 4180 quotes only what needs it) */
        if (sscanf(line, "in,%127[^,],%lf,%lf", label, &mw, &gj) == 3) in += gj;
        if (sscanf(line, "out,stored%127[^,],%lf,%lf", label, &mw, &gj) == 3) stored = gj;
        if (sscanf(line, "out,heat rejected%127[^,],%lf,%lf", label, &mw, &gj) == 3) rejected += gj;
    }
    assert_close(in, 21.76, 0.01);
    assert_close(stored, 10.64, 0.01);
    assert_close(rejected, 11.12, 0.01);
    assert_close(in, stored + rejected, 1e-9 * in);
    run_free(&r);
    char dir[] = "/tmp/tandem-energy-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char svg[600];
    snprintf(svg, sizeof svg, "%s/e.svg", dir);
    r = run_tandem((const char *[]){"energy", fs_soec, "--chart", svg, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "ENERGY FLOW of"));
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(svg, &st), 0);
    assert_true(st.st_size > 1000);
    unlink(svg);
    assert_int_equal(rmdir(dir), 0);
}

static void
test_the_tool_loads_the_heavy_libraries_only_when_needed(void **state)
{
    (void)state;
    /* PLplot, libxlsxwriter and libmicrohttpd (with GnuTLS) are opened with dlopen by the
     * commands that draw, write workbooks or serve: linked, they would load at every start
     * (docs/performance.md, the cold-command benchmark). */
    char cmd[800];
    snprintf(cmd, sizeof cmd, "ldd '%s'", getenv("TANDEM_BIN"));
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, p)) {
        n++;
        static const char *const heavy[] = {"libplplot", "libxlsxwriter", "libmicrohttpd",
                                            "libgnutls"};
        for (int i = 0; i < 4; i++)
            if (strstr(line, heavy[i])) {
                print_error("tandem links %s", line);
                fail();
            }
    }
    assert_int_equal(pclose(p), 0);
    assert_true(n > 3);
}

static void
test_a_minimum_approach_in_celsius_is_a_difference(void **state)
{
    (void)state;
    /* `--dtmin 10 C` is a difference of 10 K, as pinch texts write it; it once read as the
     * temperature 10 C, an approach of 283.15 K */
    run_result k = run_tandem((const char *[]){"heat", fs_soec, "--dtmin", "10 K", NULL});
    run_result c = run_tandem((const char *[]){"heat", fs_soec, "--dtmin", "10 C", NULL});
    assert_int_equal(k.status, 0);
    assert_int_equal(c.status, 0);
    assert_string_equal(c.out, k.out);
    run_free(&k);
    run_free(&c);
    run_result bad = run_tandem((const char *[]){"heat", fs_soec, "--dtmin", "600 C", NULL});
    assert_int_equal(bad.status, 2);
    assert_non_null(strstr(bad.err, "--dtmin takes a temperature difference from 0 to 500 K"));
    run_free(&bad);
}

/* Every command's options are read by one parser from its row (src/cli/commands.def): an
 * option of a command's own takes its value as `--name V` or `--name=V` alike (heat's
 * --dtmin took only the first, energy's --chart both), and one missing its value is named. */
static void
test_every_command_reads_its_options_one_way(void **state)
{
    (void)state;
    const char *const *forms[] = {
        (const char *[]){"heat", fs_soec, "--dtmin", "20 K", NULL},
        (const char *[]){"heat", fs_soec, "--dtmin=20 K", NULL},
    };
    run_result r[2];
    for (int i = 0; i < 2; i++) {
        r[i] = run_tandem(forms[i]);
        assert_int_equal(r[i].status, 0);
    }
    assert_string_equal(r[0].out, r[1].out);
    for (int i = 0; i < 2; i++)
        run_free(&r[i]);
    static const char *const cmds[][2] = {{"heat", "--dtmin"},   {"energy", "--chart"},
                                          {"optimize", "--opt"}, {"mc", "--samples"},
                                          {"sweep", "--vary"},   {"serve", "--port"}};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        run_result m = run_tandem((const char *[]){cmds[i][0], fs_soec, cmds[i][1], NULL});
        char want[200];
        snprintf(want, sizeof want, "tandem %s: %s needs a value\n", cmds[i][0], cmds[i][1]);
        assert_int_equal(m.status, 2);
        assert_string_equal(m.err, want);
        assert_string_equal(m.out, "");
        run_free(&m);
    }
}

static void
test_a_catalyst_preset_shows_what_the_seed_reports(void **state)
{
    (void)state;
    /* the seed review's Table 1, ref. 88: Cu2O-CoPO-2, 0.1 M NO3- + 1.0 M KOH, -0.37 V vs.
     * RHE, FE 95 % (to NH3) */
    run_result r = run_tandem((const char *[]){"catalysts", "cu2o-copo", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "catalyst     Cu2O-CoPO-2\n"));
    assert_non_null(strstr(r.out, "source       seed Table 1, ref. 88\n"));
    assert_non_null(strstr(r.out, "electrolyte  0.1 M NO3- + 1.0 M KOH\n"));
    assert_non_null(strstr(r.out, "potential    -0.37 V vs. RHE\n"));
    assert_non_null(strstr(r.out, "FE           95 % to NH3\n"));
    run_free(&r);
    r = run_tandem((const char *[]){"catalysts", "nosuch", NULL});
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "tandem catalysts: no catalyst `nosuch`\n");
    run_free(&r);
}

static void
test_cost_takes_scenario_keys_from_the_command_line(void **state)
{
    (void)state;
    /* a higher discount rate raises the levelized cost (capital costs more to carry) */
    run_result a = run_tandem((const char *[]){"cost", fs_one, "--format", "json", NULL});
    run_result b = run_tandem((const char *[]){"cost", fs_one, "--format", "json", "--set",
                                               "scenario.discount_rate=15 %", NULL});
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    const char *key = "\"levelized_cost\": {\"value\": ";
    const char *pa = strstr(a.out, key), *pb = strstr(b.out, key);
    assert_non_null(pa);
    assert_non_null(pb);
    assert_true(strtod(pb + strlen(key), NULL) > strtod(pa + strlen(key), NULL));
    run_free(&a);
    run_free(&b);
    /* refused, saying where the value came from */
    run_result r =
        run_tandem((const char *[]){"cost", fs_one, "--set", "scenario.discount_rate=150 %", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err,
                           "`discount_rate = 150 %` is out of range (0 % to 100 %)\n  (the value "
                           "comes from `--set scenario.discount_rate=150 %`)"));
    assert_string_equal(r.out, "");
    run_free(&r);
    r = run_tandem((const char *[]){"cost", fs_one, "--set", "scenario.=3", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--set takes scenario.key=value, not `scenario.=3`"));
    run_free(&r);
}

static void
test_check_reports_degrees_of_freedom(void **state)
{
    (void)state;
    run_result r = run_tandem((const char *[]){"check", fs_soec, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "degrees of freedom: 0, exactly specified"));
    assert_non_null(strstr(r.out, "`rate` in [ethylene]"));
    assert_non_null(strstr(r.out, "fixes the scale"));
    run_free(&r);
    char path[] = "/tmp/tandem-check-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "[flowsheet]\nmain_product = CO2\n[f]\nkind = feed\nout = a\n"
                       "composition.CO2 = 1\n[p]\nkind = product\nin = a\n";
    assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    r = run_tandem((const char *[]){"check", path, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "under-specified: 1 degree of freedom"));
    assert_non_null(strstr(r.out, "`flow` to [f]"));
    assert_non_null(strstr(r.out, "`rate` to [p]"));
    run_free(&r);
    r = run_tandem((const char *[]){"solve", path, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot solve: the flowsheet is under-specified"));
    run_free(&r);
    unlink(path);
}

static void
test_compare_shows_the_layouts_side_by_side(void **state)
{
    (void)state;
    run_result r = run_tandem((const char *[]){"compare", fs_one, fs_soec, fs_low, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "one_cell_mea"));
    assert_non_null(strstr(r.out, "ee4_soec_mea"));
    assert_non_null(strstr(r.out, "ee1_nin_cu"));
    assert_non_null(strstr(r.out, "CO2 to anodes as carbonate"));
    /* priced in the shipped base scenario */
    assert_non_null(strstr(r.out, "levelized cost of the main product"));
    assert_non_null(strstr(r.out, "total capital investment"));
    run_free(&r);
    /* --chart draws the comparison; --no-costs leaves the costs out */
    char chart[] = "/tmp/tandem-chart-XXXXXX";
    int fd = mkstemp(chart);
    close(fd);
    r = run_tandem(
        (const char *[]){"compare", "--no-costs", "--chart", chart, fs_one, fs_soec, NULL});
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "levelized cost"));
    FILE *f = fopen(chart, "r");
    assert_non_null(f);
    char head[64] = "";
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_non_null(strstr(head, "<?xml"));
    unlink(chart);
    run_free(&r);
}

static void
test_compare_of_many_flowsheets_gives_one_row_each(void **state)
{
    (void)state;
    const char *args[] = {"compare", "--layout", "rows", fs_one, fs_soec, fs_low, NULL};
    run_result r = run_tandem(args);
    assert_int_equal(r.status, 0);
    /* header, units, three rows */
    assert_non_null(strstr(r.out, "flowsheet"));
    assert_non_null(strstr(r.out, "\none_cell_mea "));
    assert_non_null(strstr(r.out, "\nee4_soec_mea_ozden2021 "));
    assert_null(strstr(r.out, "CO2 to anodes as carbonate"));
    run_free(&r);
    r = run_tandem((const char *[]){"compare", "--layout", "diagonal", fs_one, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown layout `diagonal`"));
    run_free(&r);
    /* Markdown is for compare; solve refuses it. */
    r = run_tandem((const char *[]){"solve", "--format", "markdown", fs_one, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown format `markdown` (text, csv, json)"));
    assert_string_equal(r.out, "");
    run_free(&r);
}

static void
test_optimize_reports_the_choice_and_refuses_bad_keys(void **state)
{
    (void)state;
    /* the carbonate limit of one MEA cell: X <= 3/13 (tests/optimize/test_optimize.c) */
    run_result r = run_tandem((const char *[]){
        "optimize", fs_fixed, "--opt", "vary.cell.single_pass_conversion = 0.05 .. 0.25", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "OPTIMIZATION: minimum energy per tonne"));
    assert_non_null(strstr(r.out, "[cell] single_pass_conversion"));
    assert_non_null(strstr(r.out, "0.2308"));
    /* the cathode gas and the recycle taken from it run out of CO2 together: either holds it */
    assert_non_null(strstr(r.out, "held by a flow at its bound: CO2 in stream"));
    assert_non_null(strstr(r.out, "PLANT AT THE OPTIMUM"));
    run_free(&r);
    /* a limit nothing can meet: exit 1, the limit named, nothing written */
    char dir[] = "/tmp/tandem-opt-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char out[600];
    snprintf(out, sizeof out, "%s/opt.json", dir);
    r = run_tandem((const char *[]){"optimize", fs_fixed, "--opt", "max.electricity = 100 MW",
                                    "--format", "json", "-o", out, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "`max.electricity` cannot hold"));
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0);
    run_free(&r);
    /* JSON to a file */
    r = run_tandem((const char *[]){"optimize", fs_fixed, "--objective", "max_product", "--opt",
                                    "vary.ethylene.rate = 10 .. 1000 t/day", "--opt",
                                    "max.electricity = 100 MW", "--format", "json", "-o", out,
                                    NULL});
    assert_int_equal(r.status, 0);
    assert_int_equal(stat(out, &st), 0);
    run_free(&r);
    unlink(out);
    assert_int_equal(rmdir(dir), 0);
    /* bad keys: exit 2 with the reason */
    r = run_tandem(
        (const char *[]){"optimize", fs_fixed, "--opt", "vary.cell.colour = 1 .. 2", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "command line: `vary.cell.colour`: [cell] does not set"));
    assert_string_equal(r.out, "");
    run_free(&r);
    r = run_tandem((const char *[]){"optimize", fs_fixed, "--objective", "cheapest", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown objective `cheapest`"));
    run_free(&r);
    /* a Pareto front as CSV and a chart: with the product released and 250 MW, the most
     * ethylene is 250 MW / 257.47 GJ/t = 83.89 t/day (the carbonate-limited cell of
     * tests/optimize); energy per tonne does not change along the way */
    char chart[600];
    strcpy(dir, "/tmp/tandem-opt-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(chart, sizeof chart, "%s/front.svg", dir);
    r = run_tandem((const char *[]){
        "optimize", fs_fixed, "--opt", "vary.ethylene.rate = 50 .. 150 t/day", "--opt",
        "max.electricity = 250 MW", "--pareto", "4", "--chart", chart, "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    int lines = 0;
    for (const char *c = r.out; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 5);
    assert_non_null(strstr(r.out, "\n83.89"));
    assert_int_equal(stat(chart, &st), 0);
    assert_true(st.st_size > 1000);
    run_free(&r);
    unlink(chart);
    assert_int_equal(rmdir(dir), 0);
    r = run_tandem((const char *[]){"optimize", fs_fixed, "--pareto", "1", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--pareto takes 2 to"));
    run_free(&r);
}

/* tandem dispatch from the command line: what it is told wrongly is named (exit 2), a
 * profile no plant meets is named at its line (exit 1), and nothing partial is written. */
static void
test_dispatch_says_what_is_wrong(void **state)
{
    (void)state;
    char fs[600], prof[600], bad[64] = "/tmp/tandem_cli_profile_XXXXXX";
    snprintf(fs, sizeof fs, "%s/tests/dispatch/cascade.ini", getenv("TANDEM_SOURCE_ROOT"));
    snprintf(prof, sizeof prof, "%s/costs/profiles/tx_2022_grid.csv", getenv("TANDEM_SOURCE_ROOT"));
    run_result r = run_tandem((const char *[]){"dispatch", fs, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--profile P.csv names the profile"));
    run_free(&r);
    r = run_tandem((const char *[]){"dispatch", fs, "--profile", prof, "--supply", "3 kg", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--supply takes a power"));
    run_free(&r);
    r = run_tandem(
        (const char *[]){"dispatch", fs, "--profile", prof, "--objective", "cheap", NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    r = run_tandem((const char *[]){"dispatch", fs, "--profile", prof, "--days", "0", NULL});
    assert_int_equal(r.status, 2);
    run_free(&r);
    /* the scenario of the hand checks has no carbon intensities */
    r = run_tandem(
        (const char *[]){"dispatch", fs, "--profile", prof, "--objective", "emissions", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "needs the scenario's carbon intensities"));
    run_free(&r);
    int fd = mkstemp(bad);
    const char *text = "hour,price,available,source\nunit,$/MWh,,\n0,20,1,t\n1,30,0,\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    r = run_tandem((const char *[]){"dispatch", fs, "--profile", bad, "--supply", "10 MW", "--set",
                                    "cell1.min_load=0.5", "-o", "/tmp/tandem_cli_plan.txt", NULL});
    assert_int_equal(r.status, 1);
    char want[128];
    snprintf(want, sizeof want, "%s:4: 0 MW available here", bad);
    assert_non_null(strstr(r.err, want));
    assert_int_equal(access("/tmp/tandem_cli_plan.txt", F_OK), -1);
    run_free(&r);
    unlink(bad);
}

int
main(void)
{
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    if (!root || !getenv("TANDEM_BIN")) return 1;
    snprintf(fs_one, sizeof fs_one, "%s/flowsheets/one_cell_mea.ini", root);
    snprintf(fs_fixed, sizeof fs_fixed, "%s/tests/data/one_cell_fixed.ini", root);
    snprintf(fs_soec, sizeof fs_soec, "%s/flowsheets/seed/ee4_soec_mea_ozden2021.ini", root);
    snprintf(fs_low, sizeof fs_low, "%s/flowsheets/seed/ee1_nin_cu_moller2023.ini", root);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_species_lists_every_species_with_its_source),
        cmocka_unit_test(test_solve_prints_streams_units_and_summary),
        cmocka_unit_test(test_set_changes_a_key_before_the_solve),
        cmocka_unit_test(test_set_reaches_a_unit_whose_name_holds_a_dot),
        cmocka_unit_test(test_csv_keeps_a_name_that_reads_as_a_formula_text),
        cmocka_unit_test(test_output_files_are_complete_or_absent),
        cmocka_unit_test(test_a_run_never_writes_its_inputs),
        cmocka_unit_test(test_an_output_through_a_link_or_into_a_pipe_keeps_them),
        cmocka_unit_test(test_an_interrupted_run_leaves_nothing),
        cmocka_unit_test(test_the_same_input_gives_the_same_bytes),
        cmocka_unit_test(test_explain_writes_out_the_equations_with_their_numbers),
        cmocka_unit_test(test_diagram_draws_units_and_labelled_streams),
        cmocka_unit_test(test_energy_says_where_the_electricity_goes),
        cmocka_unit_test(test_the_tool_loads_the_heavy_libraries_only_when_needed),
        cmocka_unit_test(test_a_minimum_approach_in_celsius_is_a_difference),
        cmocka_unit_test(test_dispatch_says_what_is_wrong),
        cmocka_unit_test(test_every_command_reads_its_options_one_way),
        cmocka_unit_test(test_a_catalyst_preset_shows_what_the_seed_reports),
        cmocka_unit_test(test_cost_takes_scenario_keys_from_the_command_line),
        cmocka_unit_test(test_check_reports_degrees_of_freedom),
        cmocka_unit_test(test_compare_shows_the_layouts_side_by_side),
        cmocka_unit_test(test_compare_of_many_flowsheets_gives_one_row_each),
        cmocka_unit_test(test_optimize_reports_the_choice_and_refuses_bad_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
