/* Fuzzes the flowsheet reader: the INI text, its units, streams, species and reactions,
 * its [optimize] and [uncertainty] sections, then the model it builds and the degree-of-
 * freedom check (`tandem check`). */
#include "fuzz.h"
#include "tandem/flowsheet.h"
#include "tandem/model.h"
#include "tandem/optimize.h"
#include "tandem/study.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tdm_flowsheet *fs = NULL;
    tdm_error err = {0};
    if (tdm_flowsheet_load_string((const char *)data, size, "fuzz.ini", &fs, &err)) {
        fuzz_check_error(&err, "fuzz.ini");
        if (fs) abort(); /* a failed load gives nothing */
        return 0;
    }
    /* the sections that `tandem optimize` and `tandem mc` read */
    static tdm_opt_problem opt;
    if (tdm_opt_read(&opt, fs, tdm_flowsheet_optimize_section(fs), NULL, 0, &err))
        fuzz_check_error(&err, "fuzz.ini");
    static tdm_param ps[TDM_STUDY_MAX_PARAMS];
    int np = 0;
    if (tdm_params_read_section(ps, TDM_STUDY_MAX_PARAMS, &np, fs, NULL, &err))
        fuzz_check_error(&err, "fuzz.ini");
    tdm_model *m = NULL;
    if (tdm_flowsheet_build(fs, &m, &err) == 0) {
        tdm_dof dof;
        if (tdm_model_dof(m, &dof, &err) == 0) tdm_dof_free(&dof);
        tdm_model_free(m);
    } else {
        fuzz_check_error(&err, "fuzz.ini");
    }
    tdm_flowsheet_free(fs);
    return 0;
}
