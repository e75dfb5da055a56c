/* price.c: tandem's library from a C program of your own. Loads a flowsheet, solves it,
 * prices it in its default cost scenario and prints three figures of the plant.
 *
 *     cc price.c $(pkg-config --cflags --libs tandem) -o price
 *     ./price my_plant.ini
 *
 * Every call returns 0 or fills a tdm_error whose message names the file and line at fault;
 * the library never prints and never exits, so the program decides what to say. */
#include <stdio.h>
#include <stdlib.h>

#include <tandem/flowsheet.h>
#include <tandem/simulate.h>
#include <tandem/tea.h>

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FLOWSHEET.ini\n", argv[0]);
        return 2;
    }
    tdm_flowsheet *fs;
    tdm_error err;
    if (tdm_flowsheet_load(argv[1], &fs, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 2;
    }
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    tdm_scenario *sc = NULL;
    tdm_tea *tea = calloc(1, sizeof *tea); /* the cost tables are large: not on the stack */
    char scenario[1200];
    int status = 0;
    if (!tea) {
        fprintf(stderr, "out of memory\n");
        status = 2;
    } else if (tdm_simulate(&sim, &err) ||
               tdm_scenario_locate(fs, scenario, sizeof scenario, &err) ||
               tdm_scenario_load(scenario, &sc, &err) ||
               tdm_tea_evaluate(sim.results, sc, tea, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        status = err.cls == TDM_ESOLVE ? 1 : 2;
    } else {
        const tdm_summary *s = &sim.results->summary;
        printf("main product      %.6g t/day\n", s->product_kg_s * 86400 / 1000);
        printf("electricity       %.6g GJ/t\n", s->electric_j_per_kg / 1e6);
        printf("levelized cost    %.6g $/t\n", tea->lcop);
        printf("scenario          %s\n", scenario);
    }
    free(tea);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return status;
}
