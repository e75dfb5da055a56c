/* Fuzzes the scenario reader: the financial assumptions, [prices] that override the table,
 * indirect costs, and the files it names, read against the shipped cost tables (costs/). */
#include "fuzz.h"
#include "tandem/tea.h"

#ifndef TANDEM_FUZZ_COSTS
#error "TANDEM_FUZZ_COSTS: the directory of the shipped cost tables"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = TANDEM_FUZZ_COSTS "/fuzz.ini";
    tdm_scenario *sc = NULL;
    tdm_error err = {0};
    if (tdm_scenario_load_string((const char *)data, size, path, &sc, &err) == 0) {
        /* a change as a study makes it, and back */
        tdm_error ignored;
        tdm_scenario_set(sc, "discount_rate", "12 %", &ignored);
        tdm_scenario_set_number(sc, "prices.electricity", 0.05 / 3.6e6, "$/kWh", NULL, &ignored);
        tdm_scenario_free(sc);
    } else if (err.cls != TDM_ESYSTEM && !strstr(err.msg, TANDEM_FUZZ_COSTS) &&
               err.msg[0] != '/') { /* a file named by an absolute path */
        fprintf(stderr, "an error that names no file: \"%s\"\n", err.msg);
        abort();
    }
    return 0;
}
