/* tandem energy: where a plant's electricity and heat go. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

const char cmd_energy_help[] =
    "usage: tandem energy FILE [--format text|csv|json] [-o FILE] [--chart F.svg]\n"
    "                          [--set U.K=V]...\n"
    "\n"
    "Where the plant's energy goes, in MW and per tonne of main product: the electricity\n"
    "and heat each kind of unit takes, against the enthalpy the products carry above the\n"
    "feeds (the reaction enthalpy), the heat each kind of unit rejects (in electrolyzers,\n"
    "their overpotentials and side reactions; separations reject their work as heat) and the\n"
    "sensible heat of the streams that leave warm. The two sides balance, as the energy\n"
    "balance of every unit closes. --chart draws them as bars (SVG).\n"
    "\n"
    "exit status: 0 done; 1 the flowsheet cannot be solved; 2 bad input\n";

const cli_option cmd_energy_options[] = {{"--chart", true}, {NULL}};

int
cmd_energy(cli_run *r)
{
    const char *chart = cli_args_opt(&r->a, "--chart");
    tdm_error err;
    int status = 0;
    if (tdm_simulate(&r->sim, &err)) {
        status = cli_fail(&err);
    } else if (chart && tdm_report_energy_chart(chart, r->sim.results, &err)) {
        status = cli_fail(&err);
    } else {
        CLI_WRITE(status, r->a.output,
                  tdm_report_energy(f, (enum tdm_format)r->a.format, r->sim.results));
    }
    return status;
}
