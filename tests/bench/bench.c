/* Benchmark: time to load, build and solve each shipped flowsheet from its file (cold), and
 * to change one parameter in place and re-solve warm. Prints one line per figure. Speed is
 * measured here, never asserted in tests. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
#include "tandem/study.h"
#include "tandem/tea.h"
#include "tandem/simulate.h"

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int
cold(const char *path, int reps)
{
    double t0 = now();
    for (int i = 0; i < reps; i++) {
        tdm_flowsheet *fs;
        tdm_error err;
        if (tdm_flowsheet_load(path, &fs, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        tdm_simulation sim;
        tdm_simulation_init(&sim, fs);
        if (tdm_simulate(&sim, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    double dt = (now() - t0) / reps;
    printf("cold load+build+solve+results  %-28s %9.1f us\n", strrchr(path, '/') + 1, dt * 1e6);
    return 0;
}

static int
warm(const char *path, const char *unit, const char *key, double lo, double hi, const char *shown,
     int reps)
{
    tdm_flowsheet *fs;
    tdm_error err;
    if (tdm_flowsheet_load(path, &fs, &err)) return 1;
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    if (tdm_simulate(&sim, &err)) return 1;
    double t0 = now();
    for (int i = 0; i < reps; i++) {
        char v[32];
        snprintf(v, sizeof v, "%.4f %s", lo + (hi - lo) * (i % 100) / 100.0, shown);
        if (tdm_flowsheet_set(fs, sim.model, unit, key, v, &err) || tdm_simulate(&sim, &err)) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
    double dt = (now() - t0) / reps;
    printf("warm set %s.%s + re-solve   %-28s %9.1f us\n", unit, key, strrchr(path, '/') + 1,
           dt * 1e6);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return 0;
}

/* Every seed flowsheet, cold, one after another: what comparing the whole seed directory
 * pays without the printing. */
static int
all_seed(const char *root, int reps)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/flowsheets/seed", root);
    DIR *d = opendir(dir);
    if (!d) return 1;
    char paths[64][800];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        if (strstr(e->d_name, ".ini"))
            snprintf(paths[n++], sizeof paths[0], "%s/%s", dir, e->d_name);
    closedir(d);
    double t0 = now();
    for (int r = 0; r < reps; r++)
        for (int i = 0; i < n; i++) {
            tdm_flowsheet *fs;
            tdm_error err;
            tdm_simulation sim;
            if (tdm_flowsheet_load(paths[i], &fs, &err)) return 1;
            tdm_simulation_init(&sim, fs);
            int rc = tdm_simulate(&sim, &err);
            tdm_simulation_free(&sim);
            tdm_flowsheet_free(fs);
            if (rc) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
        }
    printf("cold, all %d seed flowsheets in turn       %9.1f us\n", n, (now() - t0) / reps * 1e6);
    return 0;
}

/* tandem optimize on a flowsheet with its [optimize] section (cold: load, simulate,
 * iterate, explain). */
static int
optimize(const char *root, const char *name, int reps)
{
    char path[512], spath[600];
    snprintf(path, sizeof path, "%s/flowsheets/%s", root, name);
    snprintf(spath, sizeof spath, "%s/costs/base2023.ini", root);
    tdm_error err;
    tdm_scenario *sc = NULL;
    if (tdm_scenario_load(spath, &sc, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    tdm_opt_problem *p = malloc(sizeof *p);
    tdm_optimum *o = malloc(sizeof *o);
    int iterations = 0, rc = 0;
    double t0 = now();
    for (int i = 0; i < reps && !rc; i++) {
        tdm_flowsheet *fs;
        if (tdm_flowsheet_load(path, &fs, &err)) {
            rc = 1;
            break;
        }
        tdm_simulation sim;
        tdm_simulation_init(&sim, fs);
        rc = tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), NULL, 0, &err) ||
             tdm_optimize(&sim, p, sc, o, &err);
        if (rc) fprintf(stderr, "%s\n", err.msg);
        iterations = o->iterations;
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    if (!rc)
        printf("optimize (%d iterations%s)  %-28s %9.1f ms\n", iterations,
               o->nlayouts ? ", every layout" : "", name, (now() - t0) / reps * 1e3);
    free(p);
    free(o);
    tdm_scenario_free(sc);
    return rc;
}

/* A synthetic chain of n units: a feed of CO, CO2 and N2, heaters at changing
 * temperatures, every tenth unit a splitter sending 1 % to a vent, and the product at the
 * end (1 t/day). The text is built in memory; the same generator as tests/bench/chain.py. */
static char *
chain(int n, size_t *len)
{
    size_t cap = 256 + (size_t)n * 160;
    char *t = malloc(cap);
    if (!t) return NULL;
    size_t l = (size_t)snprintf(t, cap,
                                "[flowsheet]\nmain_product = CO\n[feed]\nkind = feed\nout = s0\n"
                                "composition.CO = 0.5\ncomposition.CO2 = 0.3\n"
                                "composition.N2 = 0.2\n");
    for (int i = 1; i <= n; i++) {
        if (i % 10 == 0)
            l += (size_t)snprintf(t + l, cap - l,
                                  "[u%d]\nkind = splitter\nin = s%d\nout = s%d, p%d\n"
                                  "fractions = 0.99, rest\n[v%d]\nkind = product\nrole = vent\n"
                                  "species = N2\nin = p%d\n",
                                  i, i - 1, i, i, i, i);
        else
            l += (size_t)snprintf(t + l, cap - l,
                                  "[u%d]\nkind = heater\nin = s%d\nout = s%d\ntemperature = %d C\n",
                                  i, i - 1, i, 30 + (i % 7) * 10);
    }
    l += (size_t)snprintf(t + l, cap - l, "[prod]\nkind = product\nin = s%d\nrate = 1 t/day\n", n);
    *len = l;
    return t;
}

/* The chain's units: n positions, a vent at every tenth, the feed and the product. */
static int
chain_units(int n)
{
    return n + n / 10 + 2;
}

static long
peak_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* Load, build, solve and results of chains from 10 to 100,000 units (the limit), with the
 * time per unit, which stays flat if the growth is linear, and the memory a unit takes: the
 * process's peak grows by it as the largest chain so far is solved. */
static int
scaling(void)
{
    static const int sizes[] = {8, 89, 908, 9090, 27272, 90908}; /* 10 .. 100,000 units */
    long peak0 = peak_kb();
    int units0 = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        int n = sizes[k], units = chain_units(n);
        int reps = units >= 10000 ? 3 : units >= 1000 ? 10 : 200;
        size_t len;
        char *text = chain(n, &len);
        if (!text) return 1;
        double t0 = now();
        for (int r = 0; r < reps; r++) {
            tdm_flowsheet *fs;
            tdm_error err;
            tdm_simulation sim;
            if (tdm_flowsheet_load_string(text, len, "chain.ini", &fs, &err)) {
                fprintf(stderr, "%s\n", err.msg);
                free(text);
                return 1;
            }
            tdm_simulation_init(&sim, fs);
            int rc = tdm_simulate(&sim, &err);
            if (rc) fprintf(stderr, "%s\n", err.msg);
            tdm_simulation_free(&sim);
            tdm_flowsheet_free(fs);
            if (rc) {
                free(text);
                return 1;
            }
        }
        double dt = (now() - t0) / reps;
        long peak = peak_kb();
        printf("chain of %6d units: load+build+solve+results %9.2f ms  (%.1f us per unit)", units,
               dt * 1e3, dt * 1e6 / units);
        if (units >= 10000 && peak > peak0)
            printf("  peak memory %.0f MB, %.1f kB per unit over the last size", peak / 1024.0,
                   (double)(peak - peak0) / (units - units0));
        printf("\n");
        peak0 = peak;
        units0 = units;
        free(text);
    }
    return 0;
}

/* Monte Carlo on the SOEC + MEA flowsheet with its [uncertainty] section and full TEA. */
static int
monte_carlo(const char *root, long n)
{
    char path[512], spath[600];
    snprintf(path, sizeof path, "%s/flowsheets/seed/ee4_soec_mea_ozden2021.ini", root);
    snprintf(spath, sizeof spath, "%s/costs/base2023.ini", root);
    tdm_error err;
    tdm_flowsheet *fs;
    tdm_scenario *sc;
    if (tdm_flowsheet_load(path, &fs, &err) || tdm_scenario_load(spath, &sc, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    int np;
    const char *outs[] = {"levelized_cost", "total_energy", "carbon_efficiency"};
    tdm_study st;
    tdm_mc mc;
    int rc = tdm_params_read_section(ps, TDM_STUDY_MAX_PARAMS, &np, fs, sc, &err) ||
             tdm_study_open(&st, fs, sc, outs, 3, &err);
    double t0 = now();
    if (!rc) rc = tdm_mc_run(&st, ps, np, &(tdm_mc_plan){.seed = 1, .n = n, .count = n}, &mc, &err);
    double dt = now() - t0;
    if (rc)
        fprintf(stderr, "%s\n", err.msg);
    else
        printf("Monte Carlo, SOEC + MEA with TEA, %d parameters: %ld samples in %.2f s, "
               "%.0f samples/s (%.1f us each)\n",
               np, n, dt, n / dt, dt / n * 1e6);
    if (!rc) tdm_mc_free(&mc);
    tdm_study_close(&st);
    tdm_scenario_free(sc);
    tdm_flowsheet_free(fs);
    return rc;
}

/* One cold command, process start to report: `tandem cost` on the SOEC + MEA flowsheet. */
static int
cold_command(const char *root, int reps)
{
    const char *bin = getenv("TANDEM_BIN");
    if (!bin) return 0;
    char path[512];
    snprintf(path, sizeof path, "%s/flowsheets/seed/ee4_soec_mea_ozden2021.ini", root);
    char *argv[] = {(char *)bin, "cost", path, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    extern char **environ;
    double t0 = now();
    for (int i = 0; i < reps; i++) {
        pid_t pid;
        int st;
        if (posix_spawn(&pid, bin, &fa, NULL, argv, environ) || waitpid(pid, &st, 0) < 0 ||
            !WIFEXITED(st) || WEXITSTATUS(st)) {
            posix_spawn_file_actions_destroy(&fa);
            return 1;
        }
    }
    posix_spawn_file_actions_destroy(&fa);
    printf("cold command, tandem cost on the SOEC + MEA flowsheet: %.2f ms\n",
           (now() - t0) / reps * 1e3);
    return 0;
}

/* The median wall time of `reps` runs of `tandem ARGS` (standard output to /dev/null), in
 * seconds; negative when a run fails. */
static double
spawn_median(char *const *argv, int reps)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    extern char **environ;
    double t[64];
    if (reps > 64) reps = 64;
    for (int i = 0; i < reps; i++) {
        pid_t pid;
        int st;
        double t0 = now();
        if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) || waitpid(pid, &st, 0) < 0 ||
            !WIFEXITED(st) || WEXITSTATUS(st)) {
            posix_spawn_file_actions_destroy(&fa);
            return -1;
        }
        t[i] = now() - t0;
    }
    posix_spawn_file_actions_destroy(&fa);
    for (int i = 1; i < reps; i++) /* insertion sort: a few values */
        for (int j = i; j > 0 && t[j] < t[j - 1]; j--) {
            double x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return t[reps / 2];
}

/* The BioSTEAM peer case (tests/bench/peer/, a copy of ../shared/reference/peer-biosteam/):
 * `tandem mc --samples 100000` end to end on one core and on every core, and one cold `tandem
 * cost`, as the recorded BioSTEAM figures were taken (three runs, the median), with the ratio
 * to those figures. They were measured on a 2-core machine of this project's kind with
 * BioSTEAM 2.52.0 and are not re-run here: Model.evaluate 510 us a sample (median of three;
 * 1,000 Latin-hypercube samples), a one-shot process 7.10 s. */
static int
peer(const char *root, const char *name, const char *file, double biosteam_us, double biosteam_s)
{
    const char *bin = getenv("TANDEM_BIN");
    if (!bin) return 0;
    char path[600], jobs[16];
    snprintf(path, sizeof path, "%s/%s", root, file);
    snprintf(jobs, sizeof jobs, "%d", tdm_cores());
    enum { N = 100000 };
    char *one[] = {(char *)bin, "mc", path,       "--samples",      "100000",
                   "--jobs",    "1",  "--output", "levelized_cost", NULL};
    char *all[] = {(char *)bin, "mc", path,       "--samples",      "100000",
                   "--jobs",    jobs, "--output", "levelized_cost", NULL};
    char *cost[] = {(char *)bin, "cost", path, NULL};
    double t1 = spawn_median(one, 3), tn = spawn_median(all, 3), tc = spawn_median(cost, 21);
    if (t1 < 0 || tn < 0 || tc < 0) return 1;
    printf("%s: mc --samples 100000 end to end, one core %.2f us/sample", name, t1 / N * 1e6);
    if (biosteam_us > 0)
        printf(" (BioSTEAM Model.evaluate / tandem: %.0fx)", biosteam_us / (t1 / N * 1e6));
    printf("; %s cores %.2f us/sample (%.2fx of one core)\n", jobs, tn / N * 1e6, t1 / tn);
    printf("%s: one cold `tandem cost` %.2f ms", name, tc * 1e3);
    if (biosteam_s > 0) printf(" (BioSTEAM one-shot / tandem: %.0fx)", biosteam_s / tc);
    printf("\n");
    return 0;
}

int
main(void)
{
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    if (!root) return 1;
    const char *names[] = {"one_cell_mea.ini", "seed/ee4_soec_mea_ozden2021.ini",
                           "seed/ee1_nin_cu_moller2023.ini"};
    /* a cell with the voltage model takes its current density (the voltage, the FE and the
     * refined inlet follow); a measured cell its voltage */
    static const struct {
        const char *unit, *key, *shown;
        double lo, hi;
    } moved[] = {{"cell", "current_density", "mA/cm2", 150, 250},
                 {"mea", "current_density", "mA/cm2", 100, 200},
                 {"cell1", "cell_voltage", "V", 2.5, 3.0}};
    for (int i = 0; i < 3; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/flowsheets/%s", root, names[i]);
        if (cold(p, 2000) ||
            warm(p, moved[i].unit, moved[i].key, moved[i].lo, moved[i].hi, moved[i].shown, 20000))
            return 1;
    }
    if (all_seed(root, 200)) return 1;
    return optimize(root, "one_cell_mea.ini", 50) || optimize(root, "superstructure_c2h4.ini", 5) ||
           scaling() || monte_carlo(root, 20000) || cold_command(root, 100) ||
           peer(root, "BioSTEAM peer", "tests/bench/peer/ethylene_tandem.ini", 510, 7.10) ||
           peer(root, "seed/ee4", "flowsheets/seed/ee4_soec_mea_ozden2021.ini", 0, 0);
}
