/* Benchmark: time to load, build and solve each shipped flowsheet from its file (cold), and
 * to change one parameter in place and re-solve warm. Prints one line per figure. Speed is
 * measured here, never asserted in tests. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
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
warm(const char *path, const char *unit, const char *key, int reps)
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
        snprintf(v, sizeof v, "%.4f V", 2.5 + 0.5 * (i % 100) / 100.0);
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

int
main(void)
{
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    if (!root) return 1;
    const char *names[] = {"one_cell_mea.ini", "seed/ee4_soec_mea_ozden2021.ini",
                           "seed/ee1_nin_cu_moller2023.ini"};
    const char *cells[] = {"cell", "mea", "cell2"};
    for (int i = 0; i < 3; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/flowsheets/%s", root, names[i]);
        if (cold(p, 2000) || warm(p, cells[i], "cell_voltage", 20000)) return 1;
    }
    if (all_seed(root, 200)) return 1;
    return optimize(root, "one_cell_mea.ini", 50) || optimize(root, "superstructure_c2h4.ini", 5);
}
