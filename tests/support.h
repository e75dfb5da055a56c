/* support.h: helpers shared by tandem's tests (cmocka). */
#ifndef TANDEM_TEST_SUPPORT_H
#define TANDEM_TEST_SUPPORT_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tandem/flowsheet.h"
#include "tandem/simulate.h"

/* |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
#define assert_close(actual, expected, rel)                                                        \
    do {                                                                                           \
        double a_ = (actual), e_ = (expected), r_ = (rel);                                         \
        double tol_ = e_ != 0 ? r_ * fabs(e_) : r_;                                                \
        if (!(fabs(a_ - e_) <= tol_)) {                                                            \
            print_error("%s = %.12g, expected %.12g (relative tolerance %g)\n", #actual, a_, e_,   \
                        r_);                                                                       \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* Solves a loaded flowsheet, which must solve. */
static inline tdm_flowsheet *
solve_loaded(tdm_flowsheet *fs, tdm_simulation *sim)
{
    tdm_error err;
    tdm_simulation_init(sim, fs);
    if (tdm_simulate(sim, &err)) {
        print_error("solve failed: %s\n", err.msg);
        fail();
    }
    return fs;
}

/* Loads a flowsheet from text and solves it; fails the test on any error. */
static inline tdm_flowsheet *
solve_text(const char *text, tdm_simulation *sim)
{
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    if (tdm_flowsheet_load_string(text, strlen(text), "test.ini", &fs, &err)) {
        print_error("load failed: %s\n", err.msg);
        fail();
    }
    return solve_loaded(fs, sim);
}

/* Loads (and, when load succeeds, solves) text that must fail; returns the error. */
static inline tdm_error
fail_text(const char *text)
{
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    memset(&err, 0, sizeof err);
    if (tdm_flowsheet_load_string(text, strlen(text), "test.ini", &fs, &err) == 0) {
        tdm_simulation sim;
        tdm_simulation_init(&sim, fs);
        if (tdm_simulate(&sim, &err) == 0) {
            print_error("expected a failure, but the flowsheet solved\n");
            tdm_simulation_free(&sim);
            tdm_flowsheet_free(fs);
            fail();
        }
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    return err;
}

/* Flow of `species` in stream `name` (mol/s). */
static inline double
stream_flow(const tdm_results *r, const char *name, const char *species)
{
    const tdm_flowsheet *fs = r->fs;
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++) {
        if (strcmp(tdm_flowsheet_stream_name(fs, s), name) != 0) continue;
        for (int k = 0; k < tdm_flowsheet_nspecies(fs); k++)
            if (strcmp(tdm_flowsheet_species_at(fs, k)->name, species) == 0)
                return r->streams[s].flow[k];
        return 0; /* species not in this flowsheet */
    }
    print_error("no stream %s\n", name);
    fail();
    return NAN;
}

/* Quantity `key` of unit `name` (SI). */
static inline double
unit_value(const tdm_results *r, const char *name, const char *key)
{
    int i = tdm_flowsheet_find_unit(r->fs, name);
    if (i < 0) {
        print_error("no unit %s\n", name);
        fail();
    }
    return tdm_result_get(&r->units[i], key);
}

/* The state (T, P) of stream `name`. */
static inline const tdm_stream_state *
stream_state(const tdm_results *r, const char *name)
{
    for (int s = 0; s < tdm_flowsheet_nstreams(r->fs); s++)
        if (!strcmp(tdm_flowsheet_stream_name(r->fs, s), name)) return &r->streams[s];
    fail();
    return NULL;
}

/* The heat duty of unit i supplied at temperature T (K), W; 0 when none. */
static inline double
duty_at(const tdm_results *res, int i, double T)
{
    double q = 0;
    for (int d = 0; d < res->units[i].nduty; d++)
        if (res->units[i].duty[d].q_w > 0 && fabs(res->units[i].duty[d].t_k - T) < 1e-9)
            q += res->units[i].duty[d].q_w;
    return q;
}

#endif
