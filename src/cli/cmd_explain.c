/* tandem explain: the equations each unit puts into the model, with the file's numbers in
 * them and, at the solved point, the value of every term. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "text.h"
#include "tandem/flowsheet.h"
#include "tandem/model.h"
#include "tandem/simulate.h"
#include "tandem/unit.h"

const char cmd_explain_help[] =
    "usage: tandem explain FILE [UNIT] [--set unit.key=value]...\n"
    "\n"
    "The flowsheet as the equations it becomes. For each unit (or only UNIT): the balances\n"
    "and specifications it contributes to the one linear model, each written out with the\n"
    "file's numbers as coefficients (Faradaic efficiencies over electrons, conversions,\n"
    "split fractions, cell voltage times Faraday's constant), and, when the flowsheet\n"
    "solves, the value of every term at the solution. Then the degree-of-freedom count:\n"
    "which specifications fix the plant and what is missing or repeated.\n"
    "\n"
    "exit status: 0 explained (and solved); 1 it does not solve (the equations are still\n"
    "shown); 2 bad input\n";

const cli_option cmd_explain_options[] = {NULL};

static const char *
owner_name(const tdm_flowsheet *fs, int o)
{
    return o >= 0 ? tdm_flowsheet_unit(fs, o)->name : "flowsheet";
}

static const char *
kind_word(enum tdm_row_kind k)
{
    return k == TDM_ROW_BALANCE ? "balance" : k == TDM_ROW_SPEC ? "specification" : "candidate";
}

/* One equation: its terms, coefficient by variable, and their values at x (NULL: none). */
static void
equation(const tdm_model *m, int r, const double *x, int n)
{
    const int *cols;
    const double *vals;
    int nt = tdm_model_row_entries(m, r, &cols, &vals);
    printf("  (%d) %s  (%s, line %d)\n", n, tdm_model_row_label(m, r),
           kind_word(tdm_model_row_kind(m, r)), tdm_model_row_line(m, r));
    double sum = 0, big = 0;
    for (int k = 0; k < nt; k++) {
        if (vals[k] == 0) continue; /* a place kept for the structure */
        printf("        %+-12.6g %-52s", vals[k], tdm_model_col_label(m, cols[k]));
        if (x) {
            double t = vals[k] * x[cols[k]];
            sum += t;
            big = fmax(big, fabs(t));
            printf(" %+.6g", t == 0 ? 0.0 : t); /* no -0 */
        }
        printf("\n");
    }
    printf("        = %-63.6g", tdm_model_row_rhs(m, r));
    /* the sum as solved, rounding noise shown as the zero it is */
    if (x) printf(" %+.6g (sum of the terms)", fabs(sum) <= 1e-12 * big ? 0.0 : sum);
    printf("\n");
}

/* The equations of each kind in symbols (docs/equations.md derives them, with references):
 * the rows below are these with the file's numbers in place. */

/* A unit's part of the model: its own variables, its equations, its specifications. */
static void
explain_unit(const tdm_flowsheet *fs, const tdm_model *m, int u, const double *x)
{
    const tdm_unit *unit = tdm_flowsheet_unit(fs, u);
    int nbal = 0, nspec = 0, ncand = 0, nown = 0;
    for (int r = 0; r < tdm_model_nrows(m); r++) {
        if (tdm_model_row_owner(m, r) != u) continue;
        enum tdm_row_kind k = tdm_model_row_kind(m, r);
        nbal += k == TDM_ROW_BALANCE;
        nspec += k == TDM_ROW_SPEC;
        ncand += k == TDM_ROW_CANDIDATE;
    }
    for (int j = 0; j < tdm_model_ncols(m); j++)
        nown += tdm_model_col_owner(m, j) == u;
    printf("\n[%s] %s, line %d: %d equation%s (%d balance%s, %d specification%s)\n", unit->name,
           unit->kind->name, unit->sec->line, nbal + nspec, nbal + nspec == 1 ? "" : "s", nbal,
           nbal == 1 ? "" : "s", nspec, nspec == 1 ? "" : "s");
    if (unit->kind->legend) printf("  in symbols: %s\n", unit->kind->legend);
    if (nown) {
        printf("  its own variables:");
        for (int j = 0, i = 0; j < tdm_model_ncols(m); j++)
            if (tdm_model_col_owner(m, j) == u) {
                printf("%s %s", i++ ? "," : "", tdm_model_col_label(m, j));
                if (x) printf(" = %.6g", x[j]);
            }
        printf("\n");
    }
    int n = 0;
    for (int r = 0; r < tdm_model_nrows(m); r++)
        if (tdm_model_row_owner(m, r) == u && tdm_model_row_kind(m, r) != TDM_ROW_CANDIDATE)
            equation(m, r, x, ++n);
    if (ncand) {
        printf("  keys it does not set, each of which would add a specification:");
        for (int r = 0, i = 0; r < tdm_model_nrows(m); r++)
            if (tdm_model_row_owner(m, r) == u && tdm_model_row_kind(m, r) == TDM_ROW_CANDIDATE)
                printf("%s `%s`", i++ ? "," : "", tdm_model_row_key(m, r));
        printf("\n");
    }
}

int
cmd_explain(cli_run *r)
{
    const cli_args *a = &r->a;
    const tdm_flowsheet *fs = r->fs;
    int only = -1;
    if (a->nfiles == 2 && (only = tdm_flowsheet_find_unit(fs, a->files[1])) < 0) {
        /* the unit nearest the name, if it is close enough to be a typo (`sepp1`) */
        const char *names[256];
        int n = 0;
        for (int i = 0; i < tdm_flowsheet_nunits(fs) && n < 256; i++)
            names[n++] = tdm_flowsheet_unit(fs, i)->name;
        const char *near = tdm_text_nearest(a->files[1], names, n);
        fprintf(stderr, "%s: no unit named [%s]%s%s%s\n", tdm_flowsheet_path(fs), a->files[1],
                near ? "; did you mean [" : "", near ? near : "", near ? "]?" : "");
        return 2;
    }
    /* Solve first: the simulation builds the model the equations are read from. A
     * flowsheet that does not solve is explained from the model alone, with the reason. */
    tdm_error err, solve_err = {0};
    bool solved = tdm_simulate(&r->sim, &solve_err) == 0;
    tdm_model *m = r->sim.model, *own = NULL;
    if (!m) {
        if (tdm_flowsheet_build(r->fs, &own, &err)) return cli_fail(&err);
        m = own;
    }
    tdm_dof dof;
    if (tdm_model_dof(m, &dof, &err)) {
        tdm_model_free(own);
        return cli_fail(&err);
    }
    printf("EXPLAIN %s: %s\n", tdm_flowsheet_path(fs), tdm_flowsheet_title(fs));
    printf("Each equation is sum(coefficient x variable) = right-hand side; flows in mol/s.%s\n",
           solved ? " The last\ncolumn is each term's value at the solution." : "");
    const double *x = solved ? r->sim.x : NULL;
    for (int u = 0; u < tdm_flowsheet_nunits(fs); u++)
        if (only < 0 || u == only) explain_unit(fs, m, u, x);
    printf("\nDEGREES OF FREEDOM\n");
    printf("  %d variables, %d equations (%d balances, %d specifications), rank %d%s\n", dof.ncols,
           dof.nbalance + dof.nspec, dof.nbalance, dof.nspec, dof.rank,
           dof.exact ? "" : " (estimated)");
    printf("  the specifications that fix the plant:\n");
    for (int i = 0; i < tdm_model_nrows(m); i++)
        if (tdm_model_row_kind(m, i) == TDM_ROW_SPEC)
            printf("    - `%s` in [%s] (line %d)%s\n", tdm_model_row_key(m, i),
                   owner_name(fs, tdm_model_row_owner(m, i)), tdm_model_row_line(m, i),
                   tdm_model_row_rhs(m, i) != 0 ? ": fixes the scale" : "");
    char msg[4096];
    if (!tdm_dof_explain(fs, m, &dof, msg, sizeof msg))
        printf("  %d equations for %d variables: exactly specified\n", dof.rank, dof.ncols);
    else
        printf("%s", msg);
    if (!solved) printf("\nIt does not solve:\n%s\n", solve_err.msg);
    tdm_dof_free(&dof);
    tdm_model_free(own);
    return solved ? 0 : 1;
}
