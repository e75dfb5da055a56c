/* tandem/session.h: the library as another language calls it (the Python package,
 * python/): a flowsheet loaded once, changed key by key as `--set` changes it, and what
 * the commands do to it (solve, cost, optimize, sweep, tornado, goal, mc), each answer a document
 * of the command's JSON report (tandem/doc.h).
 *
 *     tdm_session *s;
 *     tdm_session_open("flowsheets/one_cell_mea.ini", &s, &err);
 *     tdm_session_set(s, "cell.current_density", "300 mA/cm2", &err);
 *     tdm_doc *d;
 *     tdm_session_solve(s, &d, &err);     warm from the last solve
 *     ... tdm_doc_free(d);
 *     tdm_session_free(s);
 *
 * The session remembers every change in order. A solve and a cost use the session's own
 * model, re-solved warm; an optimization and a study work on the flowsheet loaded afresh
 * with the changes made again (they change keys in place, and a study's jobs each load
 * their own in their thread, as the command's do), so the session is as it was after them.
 * Every answer has the numbers the command line gives for the file with the same --set
 * (tests/python/test_binding.py holds them against the JSON). A session belongs to one
 * thread at a time; sessions in different threads are independent. */
#ifndef TANDEM_SESSION_H
#define TANDEM_SESSION_H

#include <stddef.h>

#include "tandem/doc.h"
#include "tandem/error.h"

typedef struct tdm_session tdm_session;

/* Loads a flowsheet (every error at file:line, as `tandem check` gives it). */
int tdm_session_open(const char *path, tdm_session **out, tdm_error *err);
void tdm_session_free(tdm_session *s);
const char *tdm_session_path(const tdm_session *s);
/* The cost scenario to price with (path; NULL: the one `tandem cost` finds, the
 * flowsheet's or costs/base2023.ini of the data directory), loaded now, with the
 * session's scenario changes made again. */
int tdm_session_use_scenario(tdm_session *s, const char *path, tdm_error *err);
/* Changes one key, name as `--set` takes it before its `=`: "unit.key" or "scenario.key"
 * ("scenario.prices.CO2"); value as after it ("300 mA/cm2"). The same checks as the file;
 * a change that fails leaves the session as it was. */
int tdm_session_set(tdm_session *s, const char *name, const char *value, tdm_error *err);
/* How many changes the session holds, and change i ("name" and "value"). */
int tdm_session_nchanges(const tdm_session *s);
const char *tdm_session_change(const tdm_session *s, int i, const char **value);

/* `tandem solve`: the stream and unit tables and the summary. */
int tdm_session_solve(tdm_session *s, tdm_doc **out, tdm_error *err);
/* `tandem cost`: the plant priced with the scenario. */
int tdm_session_cost(tdm_session *s, tdm_doc **out, tdm_error *err);
/* `tandem optimize`: opts are n pairs key, value of --opt (the [optimize] section's keys;
 * "objective" as --objective). */
int tdm_session_optimize(tdm_session *s, const char *const *opts, int n, tdm_doc **out,
                         tdm_error *err);

/* A study's options: what the command's options say. */
typedef struct tdm_session_study {
    const char *const *outputs; /* figure keys or UNIT.ROW; NULL or nout 0: the command's
                                   defaults and the varied cells' voltage and FE */
    int nout;
    int jobs; /* threads; 0: one per core, each with enough points */
    /* mc */
    long samples;                 /* 0: 1000 */
    unsigned long long seed;      /* --seed */
    int sampling;                 /* enum tdm_sampling (tandem/study.h) */
    const char *params;           /* --params F.csv, or NULL: the [uncertainty] section */
    const char *const *correlate; /* "A,B=RHO" as --correlate, ncorrelate of them */
    int ncorrelate;
    double target; /* --target in the first output's unit; NAN: none */
} tdm_session_study;

/* `tandem sweep`: np (1 or 2) parameters, each over a range "LO..HI" in the unit the file
 * uses, or with a unit of its own after HI ("100..1000 mA/cm2"), in n[i] points. */
int tdm_session_sweep(tdm_session *s, int np, const char *const *names, const char *const *ranges,
                      const int *n, const tdm_session_study *o, tdm_doc **out, tdm_error *err);
/* `tandem mc`: the summary, and every sample as the document's "sample_inputs" and
 * "sample_outputs" arrays (tandem/doc.h). */
int tdm_session_mc(tdm_session *s, const tdm_session_study *o, tdm_doc **out, tdm_error *err);

/* `tandem tornado`: each uncertain parameter (the [uncertainty] section's, or o->params) at
 * its low and high value, the others at the file's, rows by the swing of the first output. */
int tdm_session_tornado(tdm_session *s, const tdm_session_study *o, tdm_doc **out, tdm_error *err);

/* `tandem sobol`: Sobol's first-order and total indices of each uncertain parameter for each
 * output (default levelized_cost and total_energy), o->samples base samples (0: 1000) from
 * o->seed, n (k + 2) solves in jobs, resamples bootstrap resamples for their intervals. */
int tdm_session_sobol(tdm_session *s, const tdm_session_study *o, int resamples, tdm_doc **out,
                      tdm_error *err);
/* `tandem goal`: the values of the parameter name in range (as a sweep's) at which the
 * figure equals value (in the figure's unit, or with a unit of its own: "1500 $/t"), the range
 * scanned in points points (0: 21) and each change of side closed in by Brent's method;
 * outputs of o (may be NULL) are shown at each answer too. A target met nowhere is no error:
 * the document has no answers, and the figure's least and greatest value over the scan. */
int tdm_session_goal(tdm_session *s, const char *name, const char *range, int points,
                     const char *figure, const char *value, const tdm_session_study *o,
                     tdm_doc **out, tdm_error *err);

/* A value in unit `from` in unit `to` ("GJ/t" to "MWh/t", "C" to "K", "%" to ""): 0, or -1
 * with why when either is no unit or their dimensions differ. */
int tdm_convert(double v, const char *from, const char *to, double *out, char *why, size_t whylen);
/* sizeof(tdm_error), for a binding that checks its copy of the layout. */
size_t tdm_error_size(void);
size_t tdm_session_study_size(void);
size_t tdm_node_view_size(void);

#endif
