#include <math.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/model.h"
#include "tandem/simulate.h"
#include "tandem/unit.h"

const char cmd_check_help[] =
    "usage: tandem check FILE [--set unit.key=value]...\n"
    "\n"
    "Degree-of-freedom analysis of a flowsheet: the variables (stream flows per species and\n"
    "unit variables such as currents), the equations (balances and specifications), which\n"
    "specifications fix the plant's scale, and, when the flowsheet is under- or\n"
    "over-specified, which key to add to or remove from which unit.\n"
    "\n"
    "exit status: 0 exactly specified, 1 under- or over-specified, 2 bad input\n";

const cli_option cmd_check_options[] = {NULL};

static const char *
owner(const tdm_flowsheet *fs, int o)
{
    return o >= 0 ? tdm_flowsheet_unit(fs, o)->name : "flowsheet";
}

int
cmd_check(cli_run *r)
{
    tdm_flowsheet *fs = r->fs;
    tdm_error err;
    tdm_model *m;
    if (tdm_flowsheet_build(fs, &m, &err)) return cli_fail(&err);
    tdm_dof dof;
    if (tdm_model_dof(m, &dof, &err)) {
        tdm_model_free(m);
        return cli_fail(&err);
    }
    int nstream_cols = tdm_flowsheet_nstreams(fs) * tdm_flowsheet_nspecies(fs);
    printf("%s: %s\n", tdm_flowsheet_path(fs), tdm_flowsheet_title(fs));
    printf("  units %d, streams %d, species %d\n", tdm_flowsheet_nunits(fs),
           tdm_flowsheet_nstreams(fs), tdm_flowsheet_nspecies(fs));
    printf("  variables   %5d  (%d stream flows, %d unit variables)\n", dof.ncols, nstream_cols,
           dof.ncols - nstream_cols);
    printf("  equations   %5d  (%d balances, %d specifications)\n", dof.nbalance + dof.nspec,
           dof.nbalance, dof.nspec);
    printf("  rank        %5d%s\n", dof.rank,
           dof.exact ? "" : "  (estimated: model too large for the dense rank test)");
    printf("  specifications:\n");
    int nscale = 0;
    for (int i = 0; i < tdm_model_nrows(m); i++) {
        if (tdm_model_row_kind(m, i) != TDM_ROW_SPEC) continue;
        bool scale = tdm_model_row_rhs(m, i) != 0;
        nscale += scale;
        printf("    - `%s` in [%s] (line %d)%s\n", tdm_model_row_key(m, i),
               owner(fs, tdm_model_row_owner(m, i)), tdm_model_row_line(m, i),
               scale ? "  fixes the scale" : "");
    }
    if (nscale == 0)
        printf("    (none fixes the scale: give a product rate, a feed flow or a current)\n");
    char msg[4096];
    int bad = tdm_dof_explain(fs, m, &dof, msg, sizeof msg);
    if (!bad)
        printf("  degrees of freedom: 0, exactly specified\n");
    else
        printf("  degrees of freedom: %d\n%s", dof.dof, msg);
    tdm_dof_free(&dof);
    tdm_model_free(m);
    return bad ? 1 : 0;
}
