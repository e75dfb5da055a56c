#include "tandem/simulate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/unit.h"

void
tdm_simulation_init(tdm_simulation *sim, tdm_flowsheet *fs)
{
    memset(sim, 0, sizeof *sim);
    sim->fs = fs;
    tdm_solve_opts_init(&sim->opts);
}

void
tdm_simulation_free(tdm_simulation *sim)
{
    tdm_results_free(sim->results);
    tdm_model_free(sim->model);
    free(sim->x);
    memset(sim, 0, sizeof *sim);
}

static void append(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
append(char *buf, size_t n, const char *fmt, ...)
{
    size_t l = strlen(buf);
    if (l + 1 >= n) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + l, n - l, fmt, ap);
    va_end(ap);
}

static const char *
owner_name(const tdm_flowsheet *fs, int owner)
{
    return owner >= 0 ? tdm_flowsheet_unit(fs, owner)->name : "flowsheet";
}

/* Which species column of which stream a model column is: the stream, or -1. */
static int
stream_of(const tdm_flowsheet *fs, int col, int *species)
{
    int nsp = tdm_flowsheet_nspecies(fs);
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++) {
        int c0 = tdm_flowsheet_stream_col(fs, s);
        if (col >= c0 && col < c0 + nsp) {
            *species = col - c0;
            return s;
        }
    }
    return -1;
}

/* A row about species k alone: its nonzero entries on streams are all of species k. Sets
 * *other when it also has a nonzero entry off the streams (a total flow, an extent, a
 * current): the unit then makes or takes k, or sets it by a composition. */
static bool
row_of_species(const tdm_flowsheet *fs, const tdm_model *m, int r, int k, bool *other)
{
    const int *cols;
    const double *vals;
    int ne = tdm_model_row_entries(m, r, &cols, &vals);
    bool any = false;
    *other = false;
    for (int i = 0; i < ne; i++) {
        if (vals[i] == 0) continue;
        int sp, s = stream_of(fs, cols[i], &sp);
        if (s < 0)
            *other = true;
        else if (sp != k)
            return false;
        else
            any = true;
    }
    return any;
}

static bool
has_outlets(const tdm_unit *u)
{
    for (int p = 0; u->kind->ports[p].key; p++)
        if (u->kind->ports[p].dir == TDM_PORT_OUT && tdm_unit_port_n(u, p) > 0) return true;
    return false;
}

static bool
has_inlets(const tdm_unit *u)
{
    for (int p = 0; u->kind->ports[p].key; p++)
        if (u->kind->ports[p].dir == TDM_PORT_IN && tdm_unit_port_n(u, p) > 0) return true;
    return false;
}

/* What a unit does to species k, from its rows of k alone: a term off the streams (a feed's
 * total flow, a cell's electron flow, a reaction's extent; those are never negative) that
 * adds to the unit's outlet makes k; one that takes from it, or a row of k with no outlet
 * of the unit in it, takes k. */
enum { MAKES = 1, TAKES = 2 };

static int
what_unit_does(const tdm_flowsheet *fs, const tdm_model *m, int r, int u, int k)
{
    bool other;
    if (tdm_model_row_owner(m, r) != u || tdm_model_row_kind(m, r) != TDM_ROW_BALANCE ||
        !row_of_species(fs, m, r, k, &other) || !other)
        return 0;
    const int *cols;
    const double *vals;
    int ne = tdm_model_row_entries(m, r, &cols, &vals);
    double a_out = 0;
    for (int i = 0; i < ne; i++) {
        int sp, t = stream_of(fs, cols[i], &sp);
        if (t >= 0 && vals[i] != 0 && tdm_flowsheet_stream_source(fs, t) == u) a_out = vals[i];
    }
    if (a_out == 0) return TAKES;
    int does = 0;
    for (int i = 0; i < ne; i++) {
        int sp;
        if (vals[i] == 0 || stream_of(fs, cols[i], &sp) >= 0) continue;
        bool nonneg = tdm_model_col_lb(m, cols[i]) >= 0;
        does |= nonneg && -vals[i] / a_out > 0 ? MAKES : TAKES;
    }
    return does;
}

/* A species trapped in a loop: a unit makes it (or a feed brings it) and no path of its rows
 * leads it to a unit without outlets (a product or vent) or to a unit that takes it. Its
 * balances then force what makes it to zero, which the rank test reports as a specification
 * "already fixed by the balances" and a degree of freedom left, without naming the species.
 * Walks the model's rows species by species, from a unit's inlet column to its outlet columns
 * in a row of that species alone. Writes the species, where it enters and the loop, and
 * returns true when one is found. */
static bool
explain_trap(const tdm_flowsheet *fs, const tdm_model *m, char *buf, size_t n)
{
    int ns = tdm_flowsheet_nstreams(fs), nu = tdm_flowsheet_nunits(fs);
    int nr = tdm_model_nrows(m), nsp = tdm_flowsheet_nspecies(fs);
    int *queue = malloc(sizeof *queue * (size_t)(ns + 1));
    char *seen = malloc((size_t)ns + 1), *does = malloc((size_t)nu + 1);
    bool found = false;
    for (int k = 0; k < nsp && queue && seen && does && !found; k++) {
        memset(does, 0, (size_t)nu + 1);
        for (int r = 0; r < nr; r++) {
            int owner = tdm_model_row_owner(m, r);
            if (owner >= 0) does[owner] |= (char)what_unit_does(fs, m, r, owner, k);
        }
        for (int f = 0; f < nu && !found; f++) {
            if (does[f] != MAKES) continue;
            const tdm_unit *fu = tdm_flowsheet_unit(fs, f);
            memset(seen, 0, (size_t)ns + 1);
            /* from the outlets the rows that make k send it to (a cell's cathode gas, not its
             * anode gas) */
            int head = 0, tail = 0;
            for (int r = 0; r < nr; r++) {
                if (what_unit_does(fs, m, r, f, k) != MAKES) continue;
                const int *cols;
                const double *vals;
                int ne = tdm_model_row_entries(m, r, &cols, &vals);
                for (int i = 0; i < ne; i++) {
                    int sp, t = stream_of(fs, cols[i], &sp);
                    if (t < 0 || vals[i] == 0 || seen[t] || tdm_flowsheet_stream_source(fs, t) != f)
                        continue;
                    seen[t] = 1;
                    queue[tail++] = t;
                }
            }
            bool out = false;
            while (head < tail && !out) {
                int s = queue[head++];
                int u = tdm_flowsheet_stream_sink(fs, s);
                if (!has_outlets(tdm_flowsheet_unit(fs, u)) || does[u] & TAKES) {
                    out = true; /* it leaves the plant, or the unit takes it */
                    break;
                }
                int col = tdm_flowsheet_stream_col(fs, s) + k;
                for (int r = 0; r < nr; r++) {
                    bool other;
                    if (tdm_model_row_owner(m, r) != u ||
                        tdm_model_row_kind(m, r) != TDM_ROW_BALANCE ||
                        !row_of_species(fs, m, r, k, &other))
                        continue;
                    const int *cols;
                    const double *vals;
                    int ne = tdm_model_row_entries(m, r, &cols, &vals);
                    bool here = false;
                    for (int i = 0; i < ne; i++)
                        here |= cols[i] == col && vals[i] != 0;
                    for (int i = 0; i < ne && here; i++) {
                        int sp, t = stream_of(fs, cols[i], &sp);
                        if (t < 0 || vals[i] == 0 || seen[t] ||
                            tdm_flowsheet_stream_source(fs, t) != u)
                            continue;
                        seen[t] = 1;
                        queue[tail++] = t;
                    }
                }
            }
            if (out || tail == 0) continue;
            /* no way out: name the species, where it comes from and the loop */
            found = true;
            const char *name = tdm_flowsheet_species_at(fs, k)->name;
            append(buf, n,
                   "%s is trapped: [%s] %s it and no unit lets it out of the plant; it goes round "
                   "through",
                   name, fu->name, has_inlets(fu) ? "makes" : "brings");
            char units_seen[256] = {0};
            for (int i = 0, first = 1; i < tail; i++) {
                int u = tdm_flowsheet_stream_sink(fs, queue[i]);
                if (u < 256 && units_seen[u]) continue;
                if (u < 256) units_seen[u] = 1;
                append(buf, n, "%s[%s]", first ? " " : ", ", tdm_flowsheet_unit(fs, u)->name);
                first = 0;
            }
            append(buf, n, " (streams");
            for (int i = 0; i < tail; i++)
                append(buf, n, "%s%s", i ? ", " : " ", tdm_flowsheet_stream_name(fs, queue[i]));
            append(buf, n,
                   "), so its balances force [%s] to stop. Send %s out: a separator outlet that "
                   "leaves the plant (recovery.%s), or a purge (a splitter with an outlet to a "
                   "vent)\n",
                   fu->name, name, name);
        }
    }
    free(queue);
    free(seen);
    free(does);
    return found;
}

int
tdm_dof_explain(const tdm_flowsheet *fs, const tdm_model *m, const tdm_dof *dof, char *buf,
                size_t n)
{
    buf[0] = '\0';
    int bad = 0;
    /* a trapped species first: the rank test's words below do not name it */
    bool trapped = (dof->nredundant > 0 || dof->dof > 0) && explain_trap(fs, m, buf, n);
    if (trapped) append(buf, n, "what the degree-of-freedom analysis finds:\n");
    /* balances independent in their structure but dependent in their numbers: say that the
     * arithmetic may be at fault (a 300-level recycle nest at 50 % reads as over- and
     * under-specified at once, though every specification is needed) */
    if (!trapped && dof->exact && dof->structural_rank > dof->rank &&
        (dof->nredundant > 0 || dof->dof > 0))
        append(buf, n,
               "the balances are independent in their structure (each has a variable of its "
               "own); only their numbers make them dependent: exactly (a recycle that nothing "
               "leaves) or to within rounding (recycles nested so deep that they multiply the "
               "flows past double precision's 16 digits, or values near zero beside large "
               "ones); what the rank test finds, if it is exact:\n");
    if (dof->nredundant > 0) {
        bad = 1;
        int nrepeat = 0, nfixed = 0, nbal = 0;
        for (int i = 0; i < dof->nredundant; i++) {
            if (tdm_model_row_kind(m, dof->redundant[i]) != TDM_ROW_SPEC)
                nbal++;
            else if (dof->by_balances[i])
                nfixed++;
            else
                nrepeat++;
        }
        if (nrepeat) {
            append(buf, n,
                   "over-specified: %s what the other specifications already fix; remove:\n",
                   nrepeat == 1 ? "this specification repeats" : "these specifications repeat");
            for (int i = 0; i < dof->nredundant; i++) {
                int r = dof->redundant[i];
                if (tdm_model_row_kind(m, r) == TDM_ROW_SPEC && !dof->by_balances[i])
                    append(buf, n, "  - `%s` from [%s] (%s:%d)\n", tdm_model_row_key(m, r),
                           owner_name(fs, tdm_model_row_owner(m, r)), tdm_flowsheet_path(fs),
                           tdm_model_row_line(m, r));
            }
        }
        if (nfixed) {
            append(buf, n,
                   "over-specified: the balances alone already fix %s (often a species trapped "
                   "in a recycle with no way out, which forces a unit to run at zero):\n",
                   nfixed == 1 ? "this specification" : "these specifications");
            for (int i = 0; i < dof->nredundant; i++) {
                int r = dof->redundant[i];
                if (tdm_model_row_kind(m, r) == TDM_ROW_SPEC && dof->by_balances[i])
                    append(buf, n, "  - `%s` in [%s] (%s:%d)\n", tdm_model_row_key(m, r),
                           owner_name(fs, tdm_model_row_owner(m, r)), tdm_flowsheet_path(fs),
                           tdm_model_row_line(m, r));
            }
        }
        if (nbal) {
            append(buf, n,
                   "these balances depend on the others (often a species trapped in a "
                   "recycle with no way out: add a purge or a separator outlet):\n");
            int shown = 0;
            for (int i = 0; i < dof->nredundant && shown < 8; i++) {
                int r = dof->redundant[i];
                if (tdm_model_row_kind(m, r) == TDM_ROW_SPEC) continue;
                append(buf, n, "  - %s (%s:%d)\n", tdm_model_row_label(m, r),
                       tdm_flowsheet_path(fs), tdm_model_row_line(m, r));
                shown++;
            }
        }
    }
    if (dof->dof > 0) {
        bad = 1;
        append(buf, n, "under-specified: %d degree%s of freedom left; ", dof->dof,
               dof->dof == 1 ? "" : "s");
        if (dof->nfixes == 0) {
            append(buf, n, "no single key fixes %s; check how the units are connected\n",
                   dof->dof == 1 ? "it" : "them");
        } else {
            if (dof->dof == 1)
                append(buf, n, "any one of these keys would fix it:\n");
            else
                append(buf, n,
                       "each of these keys fixes one, and %d independent ones are "
                       "needed:\n",
                       dof->dof);
            for (int i = 0; i < dof->nfixes; i++) {
                int r = dof->fixes[i];
                append(buf, n, "  - `%s` to [%s] (%s:%d)\n", tdm_model_row_key(m, r),
                       owner_name(fs, tdm_model_row_owner(m, r)), tdm_flowsheet_path(fs),
                       tdm_model_row_line(m, r));
            }
        }
    }
    return bad;
}

/* The simplex returns -0 or a few ulps below zero for flows that are zero: set those to
 * zero so that every table and balance reads the same numbers. */
static void
clean_flows(tdm_simulation *sim)
{
    const tdm_flowsheet *fs = sim->fs;
    int nsp = tdm_flowsheet_nspecies(fs);
    double big = 0;
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++)
        for (int k = 0; k < nsp; k++)
            big = fmax(big, fabs(sim->x[tdm_flowsheet_stream_col(fs, s) + k]));
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++)
        for (int k = 0; k < nsp; k++) {
            double *v = &sim->x[tdm_flowsheet_stream_col(fs, s) + k];
            if (*v <= 0 && *v >= -1e-12 * big) *v = 0;
        }
}

/* Rows whose coefficients span more than this lose digits in the solve: the shipped
 * flowsheets stay below 4e5 (cell voltage x Faraday's constant against 1). */
#define SPREAD_WARNING 1e9

/* What the units' parse found doubtful, in the order of the units. */
static void
unit_warnings(tdm_simulation *sim)
{
    for (int i = 0; i < tdm_flowsheet_nunits(sim->fs) && sim->nwarnings < TDM_MAX_WARNINGS; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(sim->fs, i);
        if (!u->warning) continue;
        snprintf(sim->warnings[sim->nwarnings++], sizeof sim->warnings[0],
                 "%s:%d: warning: [%s] %s", tdm_flowsheet_path(sim->fs),
                 u->warning_line ? u->warning_line : u->sec->line, u->name, u->warning);
    }
}

/* One warning per unit whose worst row spans more than SPREAD_WARNING, in the order of the
 * units (the flowsheet's own rows first); one pass over the rows. */
static void
scaling_warnings(tdm_simulation *sim)
{
    const tdm_model *m = sim->model;
    int nunits = tdm_flowsheet_nunits(sim->fs);
    int *worst = malloc(sizeof(int) * (size_t)(nunits + 1));
    double *spread = malloc(sizeof(double) * (size_t)(nunits + 1));
    if (!worst || !spread) { /* no memory for warnings: none is given */
        free(worst);
        free(spread);
        return;
    }
    for (int u = 0; u <= nunits; u++) {
        worst[u] = -1;
        spread[u] = SPREAD_WARNING;
    }
    for (int r = 0; r < tdm_model_nrows(m); r++) {
        int u = tdm_model_row_owner(m, r) + 1; /* -1, the flowsheet, is slot 0 */
        if (u < 0 || u > nunits) continue;
        double s = tdm_model_row_spread(m, r);
        if (s > spread[u]) {
            spread[u] = s;
            worst[u] = r;
        }
    }
    for (int u = 0; u <= nunits && sim->nwarnings < TDM_MAX_WARNINGS; u++) {
        if (worst[u] < 0) continue;
        snprintf(sim->warnings[sim->nwarnings++], sizeof sim->warnings[0],
                 "%s:%d: warning: %s: its coefficients span %.1e from the smallest to the "
                 "largest, so the solve may lose digits (a fraction or a value near zero?)",
                 tdm_flowsheet_path(sim->fs), tdm_model_row_line(m, worst[u]),
                 tdm_model_row_label(m, worst[u]), spread[u]);
    }
    free(worst);
    free(spread);
}

/* A basis whose factorization keeps less than this of a pivot loses as many digits; the
 * shipped flowsheets keep more than 6e-3 (their recycle mixers). */
#define NEAR_SINGULAR 1e-4

/* After the first solve: a warning when the basis is near singular. */
static void
singularity_warning(tdm_simulation *sim)
{
    sim->weakest = tdm_model_weakest_row(sim->model, sim->x, &sim->weakest_row);
    if (sim->weakest_row < 0 || !(sim->weakest < NEAR_SINGULAR) ||
        sim->nwarnings == TDM_MAX_WARNINGS)
        return;
    snprintf(sim->warnings[sim->nwarnings++], sizeof sim->warnings[0],
             "%s:%d: warning: %s: the model is near singular here (elimination keeps %.1e of "
             "the pivot), so some %.0f digits of the answer are lost (a recycle that almost "
             "nothing leaves?)",
             tdm_flowsheet_path(sim->fs), tdm_model_row_line(sim->model, sim->weakest_row),
             tdm_model_row_label(sim->model, sim->weakest_row), sim->weakest, -log10(sim->weakest));
}

/* Rows rewritten where numbers changed, then the solve, with the words for what double
 * precision cannot solve. */
static int
solve_once(tdm_simulation *sim, tdm_error *err)
{
    if (tdm_flowsheet_flush(sim->fs, sim->model, err)) return -1;
    const char *path = tdm_flowsheet_path(sim->fs);
    int rc = tdm_model_solve(sim->model, &sim->opts, sim->x, path, err);
    /* a model whose coefficients span more than double precision resolves may be called
     * impossible by rounding: try once more in exact arithmetic before saying so */
    if (rc && err->cls == TDM_ESOLVE && sim->nspread > 0) {
        tdm_error exact = {0};
        if (tdm_model_solve_exact(sim->model, sim->x, path, &exact) == 0) rc = 0;
    }
    if (rc) {
        /* the rank test found the balances independent, so an exact solution exists: a
         * solver that finds none, not even with negative flows, met the limits of double
         * precision, not a contradiction in the file (a 1,000-level recycle nest at 50 %
         * multiplies its flows by 2^1000) */
        if (err->cls == TDM_ESOLVE && err->reason == TDM_R_CONTRADICTION)
            tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(sim->fs), 0,
                       "the solver finds no solution in double precision, though the balances "
                       "are independent (`tandem check` finds them exactly specified): the flows "
                       "or their ratios need more than its 16 digits (recycles nested so deep "
                       "that they multiply the flows past 1e300, or values near zero beside "
                       "large ones); the flowsheet is not at fault, its numbers are beyond "
                       "arithmetic");
        /* an answer the solver calls impossible in a model whose numbers span more than double
         * precision resolves may be rounding, not a contradiction: say which numbers */
        if (err->cls == TDM_ESOLVE && sim->nspread > 0) {
            size_t l = strlen(err->msg);
            snprintf(err->msg + l, sizeof err->msg - l,
                     "\n  but the numbers may be at fault, not the flowsheet: %s",
                     sim->warnings[0]);
        }
        return -1;
    }
    return 0;
}

/* Units whose numbers depend on the solution (tdm_flowsheet_refine) are solved again until
 * they settle: a cell's limiting current follows the composition of its inlet, which a
 * recycle changes with the cell's own selectivity. The iteration is a contraction in the
 * shipped cases (a few rounds); one that does not settle is an error. */
enum { MAX_REFINE = 50 };

int
tdm_simulate(tdm_simulation *sim, tdm_error *err)
{
    bool first = !sim->model;
    if (!sim->model) {
        if (tdm_flowsheet_build(sim->fs, &sim->model, err)) return -1;
        tdm_dof dof;
        if (tdm_model_dof(sim->model, &dof, err)) return -1;
        char msg[900];
        int bad = tdm_dof_explain(sim->fs, sim->model, &dof, msg, sizeof msg);
        tdm_dof_free(&dof);
        if (bad) {
            size_t l = strlen(msg);
            if (l && msg[l - 1] == '\n') msg[l - 1] = '\0';
            bool dof_words = !strncmp(msg, "over", 4) || !strncmp(msg, "under", 5);
            return tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(sim->fs), 0, "cannot solve: %s%s",
                              dof_words ? "the flowsheet is " : "", msg);
        }
        sim->x = calloc((size_t)tdm_model_ncols(sim->model) + 1, sizeof(double));
        if (!sim->x) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        sim->nwarnings = 0;
        sim->weakest_row = -1;
        scaling_warnings(sim);
        sim->nspread = sim->nwarnings;
        unit_warnings(sim);
    }
    if (solve_once(sim, err)) return -1;
    const char *path = tdm_flowsheet_path(sim->fs);
    for (int round = 0;; round++) {
        bool changed = false;
        if (tdm_flowsheet_refine(sim->fs, sim->x, &changed, err)) return -1;
        if (!changed) break;
        if (round == MAX_REFINE)
            return tdm_errorf(err, TDM_ESOLVE, path, 0,
                              "the cells' operating points and the streams that feed them do not "
                              "settle after %d rounds (a limiting current that follows its "
                              "inlet's composition through a recycle)",
                              MAX_REFINE);
        if (solve_once(sim, err)) return -1;
    }
    if (first) singularity_warning(sim);
    clean_flows(sim);
    if (tdm_results_remake(sim->fs, sim->x, &sim->results, err)) return -1;
    sim->results->nwarnings = sim->nwarnings;
    for (int i = 0; i < sim->nwarnings; i++)
        sim->results->warnings[i] = sim->warnings[i];
    /* balances that do not close after a solve in double precision: the numbers span more
     * than its 16 digits; solve once more in exact arithmetic (a carbonate crossover of
     * 1e-30 beside flows of 100 mol/s) */
    if (!sim->results->summary.closed) {
        tdm_error exact = {0};
        if (tdm_model_solve_exact(sim->model, sim->x, path, &exact) == 0) {
            clean_flows(sim);
            if (tdm_results_remake(sim->fs, sim->x, &sim->results, err)) return -1;
            sim->results->nwarnings = sim->nwarnings;
            for (int i = 0; i < sim->nwarnings; i++)
                sim->results->warnings[i] = sim->warnings[i];
        }
    }
    /* a solve whose balances do not close is an error, whoever asked for it (a study's
     * sample as much as `tandem solve`): its numbers would be wrong */
    if (!sim->results->summary.closed && sim->weakest_row >= 0 && sim->weakest < NEAR_SINGULAR)
        return tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(sim->fs),
                          tdm_model_row_line(sim->model, sim->weakest_row),
                          "%s: the model is too near singular here to solve in double "
                          "precision (elimination keeps %.1e of the pivot) and its balances do "
                          "not close; is it a recycle that almost nothing leaves?",
                          tdm_model_row_label(sim->model, sim->weakest_row), sim->weakest);
    return tdm_results_check_closure(sim->results, err);
}
