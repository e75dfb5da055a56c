/* tandem/simulate.h: the simulation pipeline, from a loaded flowsheet to results.
 *
 *     tdm_simulation sim;
 *     tdm_simulation_init(&sim, fs);
 *     if (tdm_simulate(&sim, &err)) -> err.cls says whether the input or the solve failed
 *     ... sim.results ...
 *     tdm_flowsheet_set(fs, sim.model, "cell", "cell_voltage", "3.2 V", &err);
 *     tdm_simulate(&sim, &err);       re-solves the kept model warm
 *     tdm_simulation_free(&sim);
 *
 * The first call builds the model and checks its degrees of freedom: an under- or
 * over-specified flowsheet fails with a message that names which unit and key to add or
 * remove. */
#ifndef TANDEM_SIMULATE_H
#define TANDEM_SIMULATE_H

#include <stddef.h>

#include "tandem/flowsheet.h"
#include "tandem/model.h"
#include "tandem/results.h"

typedef struct tdm_simulation {
    tdm_flowsheet *fs;
    tdm_model *model;
    double *x;
    tdm_results *results;
    tdm_solve_opts opts;
    /* badly scaled rows found when the model was built (one per unit, the worst; the first
     * nspread), what the units' parse found doubtful (tdm_unit.warning), and a near-singular
     * basis after the first solve */
    char warnings[TDM_MAX_WARNINGS][400];
    int nwarnings, nspread;
    int weakest_row; /* the basis row nearest to depending on the others, or -1 */
    double weakest;  /* what elimination keeps of its pivot (tdm_model_weakest_row) */
} tdm_simulation;

void tdm_simulation_init(tdm_simulation *sim, tdm_flowsheet *fs);
int tdm_simulate(tdm_simulation *sim, tdm_error *err);
void tdm_simulation_free(tdm_simulation *sim);

/* Writes the degree-of-freedom findings for people into buf: what is free and which keys
 * would fix it, or which specifications are redundant. Returns 0 when the flowsheet is
 * exactly specified. */
int tdm_dof_explain(const tdm_flowsheet *fs, const tdm_model *m, const tdm_dof *dof, char *buf,
                    size_t n);

#endif
