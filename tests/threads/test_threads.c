/* Two flowsheets loaded, solved, priced and studied in two threads at once give the same
 * bytes as one after the other (issue 19): the library keeps no state outside the objects
 * a caller passes in. The suite runs it under the address sanitizer; `./run test` builds
 * it once more under ThreadSanitizer (build-tsan), which fails it on any data race.
 *
 * Each job writes what a user would read: the solve report and the cost report as JSON,
 * then a Monte Carlo run of the flowsheet's [uncertainty] (or of its first electrolyzer's
 * current density) as the CSV of every sample. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/model.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/study.h"
#include "tandem/tea.h"

enum { SAMPLES = 60 };

typedef struct job {
    const char *flowsheet; /* relative to the source root */
    char *out;             /* what it wrote */
    size_t len;
    char why[1400]; /* empty when it ran through */
} job;

static const char *root;

/* The study's parameters: the [uncertainty] section's, else the current density of the
 * first unit that has one, uniform within +-20 %. */
static int
params(tdm_flowsheet *fs, tdm_scenario *sc, tdm_param *ps, int *np, tdm_error *err)
{
    if (tdm_params_read_section(ps, TDM_STUDY_MAX_PARAMS, np, fs, sc, err)) return -1;
    if (*np > 0) return 0;
    for (int i = 0; i < tdm_flowsheet_nunits(fs) && *np == 0; i++) {
        char name[300];
        snprintf(name, sizeof name, "%s.current_density", tdm_flowsheet_unit(fs, i)->name);
        if (tdm_param_parse(&ps[0], name, fs, sc, NULL, 0, err)) continue;
        char dist[120];
        snprintf(dist, sizeof dist, "uniform %.17g %.17g A/m2", 0.8 * ps[0].base, 1.2 * ps[0].base);
        if (tdm_param_dist(&ps[0], dist, err)) return -1;
        *np = 1;
    }
    return *np ? 0 : tdm_errorf(err, TDM_EINPUT, NULL, 0, "nothing to vary");
}

static void *
run(void *arg)
{
    job *j = arg;
    char path[1200], scp[1200];
    snprintf(path, sizeof path, "%s/%s", root, j->flowsheet);
    snprintf(scp, sizeof scp, "%s/costs/base2023.ini", root);
    FILE *f = open_memstream(&j->out, &j->len);
    tdm_flowsheet *fs = NULL;
    tdm_scenario *sc = NULL;
    tdm_tea *tea = calloc(1, sizeof *tea);
    tdm_simulation sim = {0};
    tdm_study st = {0};
    tdm_mc mc = {0};
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    int np = 0;
    tdm_error err;
    err.msg[0] = '\0';
    const char *outs[] = {"levelized_cost", "total_energy", "carbon_efficiency"};
    bool opened = false;
    int rc = !f || !tea || tdm_flowsheet_load(path, &fs, &err);
    if (!rc) {
        tdm_simulation_init(&sim, fs);
        rc = tdm_simulate(&sim, &err) || tdm_scenario_load(scp, &sc, &err) ||
             tdm_tea_evaluate(sim.results, sc, tea, &err) ||
             tdm_report_solve(f, TDM_FMT_JSON, sim.results) ||
             tdm_report_cost(f, TDM_FMT_JSON, sim.results, tea) || params(fs, sc, ps, &np, &err) ||
             tdm_study_open(&st, fs, sc, outs, 3, &err);
        opened = !rc;
        rc = rc ||
             tdm_mc_run(&st, ps, np, &(tdm_mc_plan){.seed = 7, .n = SAMPLES, .count = SAMPLES}, &mc,
                        &err) ||
             tdm_mc_write(f, &mc);
    }
    if (rc) snprintf(j->why, sizeof j->why, "%s: %s", j->flowsheet, err.msg[0] ? err.msg : "?");
    tdm_mc_free(&mc);
    if (opened) tdm_study_close(&st);
    if (fs) tdm_simulation_free(&sim);
    free(tea);
    tdm_scenario_free(sc);
    tdm_flowsheet_free(fs);
    if (f) fclose(f);
    return NULL;
}

static void *
run_thread(void *arg)
{
    run(arg);
    tdm_thread_end();
    return NULL;
}

static void
clear(job *j)
{
    free(j->out);
    j->out = NULL;
    j->len = 0;
    j->why[0] = '\0';
}

int
main(void)
{
    root = getenv("TANDEM_SOURCE_ROOT");
    if (!root) root = ".";
    const char *files[2] = {"flowsheets/seed/ee4_soec_mea_ozden2021.ini",
                            "flowsheets/one_cell_mea.ini"};
    job alone[2] = {{.flowsheet = files[0]}, {.flowsheet = files[1]}};
    job both[2] = {{.flowsheet = files[0]}, {.flowsheet = files[1]}};
    for (int k = 0; k < 2; k++)
        run(&alone[k]);
    pthread_t t[2];
    for (int k = 0; k < 2; k++)
        if (pthread_create(&t[k], NULL, run_thread, &both[k]) != 0) {
            fprintf(stderr, "threads: cannot start a thread\n");
            return 1;
        }
    for (int k = 0; k < 2; k++)
        pthread_join(t[k], NULL);
    int bad = 0;
    for (int k = 0; k < 2; k++) {
        if (alone[k].why[0] || both[k].why[0]) {
            fprintf(stderr, "threads: %s\n", alone[k].why[0] ? alone[k].why : both[k].why);
            bad = 1;
            continue;
        }
        /* the run wrote something of each part: the JSON reports and every sample */
        if (alone[k].len < 1000 || !strstr(alone[k].out, "levelized_cost") ||
            !strstr(alone[k].out, "# tandem mc:")) {
            fprintf(stderr, "threads: %s wrote too little (%zu bytes)\n", files[k], alone[k].len);
            bad = 1;
        }
        if (alone[k].len != both[k].len || memcmp(alone[k].out, both[k].out, alone[k].len)) {
            size_t at = 0;
            while (at < alone[k].len && at < both[k].len && alone[k].out[at] == both[k].out[at])
                at++;
            fprintf(stderr,
                    "threads: %s: %zu bytes alone, %zu beside another; they part at byte %zu\n",
                    files[k], alone[k].len, both[k].len, at);
            bad = 1;
        }
    }
    if (!bad)
        printf("threads: both flowsheets give the same %zu and %zu bytes side by side\n",
               alone[0].len, alone[1].len);
    for (int k = 0; k < 2; k++) {
        clear(&alone[k]);
        clear(&both[k]);
    }
    return bad;
}
