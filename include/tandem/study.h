/* tandem/study.h: sweeps, tornado charts and Monte Carlo on one built model.
 *
 * A study opens a flowsheet once: its model is built and solved, and every later point
 * changes parameters in place (a unit's key re-read, its rows rewritten) and re-solves warm
 * from the previous basis. Parameters are addressed as `unit.key` or `scenario.key`
 * (`scenario.prices.electricity`, `scenario.discount_rate`); outputs by the keys of the
 * plant summary and the headline cost figures (`levelized_cost`, `total_energy`,
 * `carbon_efficiency`; `tandem compare --format csv` lists them).
 *
 * Uncertain parameters are declared in the flowsheet's [uncertainty] section or a CSV:
 *     cell2.current_density = triangular 100 300 700 mA/cm2   ; source
 *     cell2.fe.C2H4 = uniform 0.5 0.7
 *     scenario.prices.electricity = normal 0.05 0.01 $/kWh, 0.01 .. 0.10
 *     mea.cell_voltage = lognormal 3.0 0.1 V                  ; median, sigma of ln
 * Monte Carlo draws sample i from (seed, i) alone (a counter-based generator and inverse
 * distribution functions; bounds truncate by inverting within them), so any run can be
 * split into shards whose samples merge into exactly the unsplit result. */
#ifndef TANDEM_STUDY_H
#define TANDEM_STUDY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tandem/error.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

struct tdm_scenario;
struct tdm_tea;

enum tdm_dist {
    TDM_DIST_FIXED,
    TDM_DIST_UNIFORM,
    TDM_DIST_TRIANGULAR,
    TDM_DIST_NORMAL,
    TDM_DIST_LOGNORMAL
};

/* A parameter: where it lives, its unit, and (for uncertainty) its distribution. */
typedef struct tdm_param {
    const char *name;            /* as written: "cell2.current_density" */
    const char *unit_name, *key; /* the unit (NULL for the scenario) and its key */
    tdm_key_ref ref;             /* the unit's key, found once */
    const char *unit;            /* display unit of its values ("mA/cm2"; "" for a fraction) */
    const char *suffix;          /* text kept after the number (", rest"), or NULL */
    double base;                 /* the value the file gives, SI */
    enum tdm_dist dist;
    double a, b, c;     /* SI: uniform lo hi; triangular lo mode hi; normal mean sd;
                           lognormal median sigma (of ln) */
    double lo, hi;      /* truncation bounds, SI (-inf, inf when none) */
    const char *source; /* where the distribution comes from (a comment), or NULL */
    const char *file;
    int line;
} tdm_param;

enum { TDM_STUDY_MAX_PARAMS = 64, TDM_STUDY_MAX_OUTPUTS = 16 };

typedef struct tdm_study {
    tdm_flowsheet *fs;
    tdm_simulation sim;
    struct tdm_scenario *sc; /* NULL: no cost outputs */
    struct tdm_tea *tea;
    int nout;
    const char *out[TDM_STUDY_MAX_OUTPUTS];      /* output keys */
    const char *out_unit[TDM_STUDY_MAX_OUTPUTS]; /* their display units */
    double out_si[TDM_STUDY_MAX_OUTPUTS];        /* SI in one display unit (1: bare) */
    bool out_cost[TDM_STUDY_MAX_OUTPUTS];        /* needs the TEA */
    /* an output of a unit's table ("cell.cell_voltage", "cell.fe.C2H4"): the unit's index
     * and the row's key; -1 for a plant figure */
    int out_uidx[TDM_STUDY_MAX_OUTPUTS];
    const char *out_ukey[TDM_STUDY_MAX_OUTPUTS];
    /* a single plant or cost figure (tandem/figures.h), read by its getter; NULL: a figure
     * of a group (a by-product's rate), found in the list */
    const struct tdm_figure *out_fig[TDM_STUDY_MAX_OUTPUTS];
    bool need_tea;
    tdm_tea_opts tea_opts; /* quick unless an output needs the IRR or the payback */
    long evaluations;
} tdm_study;

/* Reads "unit.key" or "scenario.key" against the flowsheet: finds the unit (or checks the
 * scenario key exists), the value it has now (base), its unit and suffix. line: where the
 * name was written (0: the command line). */
int tdm_param_parse(tdm_param *p, const char *name, const tdm_flowsheet *fs,
                    const struct tdm_scenario *sc, const char *file, int line, tdm_error *err);
/* "uniform LO HI [unit][, LO .. HI]" and the other distributions, into p (SI). */
int tdm_param_dist(tdm_param *p, const char *text, tdm_error *err);
/* The uncertain parameters of the flowsheet's [uncertainty] section, or of a CSV with
 * columns parameter, distribution, a, b, c, unit, low, high, source. */
int tdm_params_read_section(tdm_param *ps, int max, int *n, const tdm_flowsheet *fs,
                            const struct tdm_scenario *sc, tdm_error *err);
int tdm_params_read_csv(const char *path, tdm_param *ps, int max, int *n, const tdm_flowsheet *fs,
                        const struct tdm_scenario *sc, tdm_error *err);

/* Opens a study: builds and solves the model once. sc may be NULL when no output needs
 * the cost model. outputs: keys (checked after the first solve): a figure of the plant
 * summary or of the cost model, or UNIT.ROW, a row of a unit's table (`tandem solve
 * --format csv` lists them: "cell.cell_voltage", "cell.fe.CO"). */
int tdm_study_open(tdm_study *st, tdm_flowsheet *fs, struct tdm_scenario *sc,
                   const char *const *outputs, int nout, tdm_error *err);
/* Adds, for each electrolyzer a parameter of ps belongs to, its cell voltage and the
 * Faradaic efficiency of the flowsheet's main product (else of the cell's largest) as
 * outputs after those open gave, so that a study of a cell's operating point shows what
 * moved with it. Keys are kept in the flowsheet's arena. */
int tdm_study_follow_cells(tdm_study *st, const tdm_param *ps, int np, tdm_error *err);
void tdm_study_close(tdm_study *st);
/* Sets a parameter to an SI value (in place, in the built model or the scenario). */
int tdm_study_set(tdm_study *st, const tdm_param *p, double si, tdm_error *err);
/* Solves at the current settings and reads the outputs (display units) into v. An
 * infeasible point fails with TDM_ESOLVE (the caller decides whether to go on). */
int tdm_study_eval(tdm_study *st, double *v, tdm_error *err);

/* Quantile function of a parameter's distribution at probability u in (0, 1), within its
 * bounds. */
double tdm_param_quantile(const tdm_param *p, double u);
/* A uniform number in (0, 1) for sample i, parameter j: depends on (seed, i, j) only. It
 * lies in [TDM_UNIFORM_MIN, TDM_UNIFORM_MAX], the draws' extremes. */
double tdm_uniform(uint64_t seed, uint64_t i, uint64_t j);
#define TDM_UNIFORM_MIN 0x1.0p-54
#define TDM_UNIFORM_MAX (1 - 0x1.0p-53)
/* The standard normal quantile (Acklam's rational approximation refined by one Halley step,
 * relative error below 1e-15) and distribution function. */
double tdm_norm_quantile(double u);
double tdm_norm_cdf(double x);

/* A grid over one or two parameters, LO..HI (SI) in n points each (1 to
 * TDM_SWEEP_MAX_POINTS, and as many in all); points that cannot be solved are NaN outputs.
 * x: npoints x np inputs (SI), y: npoints x nout outputs. */
enum { TDM_SWEEP_MAX_POINTS = 1000000 };
typedef struct tdm_sweep {
    int np;
    const tdm_param *p[2];
    double lo[2], hi[2];
    int n[2];
    long npoints, failed;
    double *x, *y;
} tdm_sweep;
int tdm_sweep_run(tdm_study *st, tdm_sweep *sw, tdm_error *err);
/* The same in parts (a part per job, tdm_jobs_run below): tdm_sweep_alloc checks
 * the grid and makes x and y for every point; tdm_sweep_points solves points first .. first +
 * count - 1 into them (point k is a = k / n[1], b = k % n[1]), adds those that fail to
 * failed, and puts the parameters back at the file's values. A point's result does not
 * depend on the part it is solved in. */
int tdm_sweep_alloc(tdm_sweep *sw, int nout, tdm_error *err);
int tdm_sweep_points(tdm_study *st, tdm_sweep *sw, long first, long count, tdm_error *err);

/* Goal seeking: the values of parameter p in [lo, hi] (SI) at which output `out` of the
 * study equals target (its display unit). The range is scanned in `points` points and
 * every change of sign of output - target is closed in by Brent's method to xtol (SI; 0:
 * 1e-9 of the range's larger end), the answer simulated again for all outputs. The output's
 * least and greatest value over the scan say how near a target not met came. The parameter
 * is put back at the file's value after. */
enum { TDM_GOAL_MAX = 16 };
typedef struct tdm_goal {
    const tdm_param *p;
    double lo, hi, xtol;
    int points, out;
    double target;
    int n;                                         /* answers found */
    double x[TDM_GOAL_MAX];                        /* SI */
    double y[TDM_GOAL_MAX][TDM_STUDY_MAX_OUTPUTS]; /* every output at each, display units */
    bool rising[TDM_GOAL_MAX];                     /* the output rises through the target */
    double lowest, highest, at_lowest, at_highest; /* over the scan; at: SI */
    long evaluations, failed;
} tdm_goal;
int tdm_goal_run(tdm_study *st, tdm_goal *g, tdm_error *err);
/* Goal seeking in two parameters: at each of n values of q from lo to hi (SI), the values of
 * g->p at which g's output meets its target (tdm_goal_run over g's range), so that the
 * answers trace the boundary of the region where the target is met: the current density a
 * cell needs at each electricity price for a levelized cost, Orella's inverted sensitivity.
 * b->m[i] answers at q's value i, b->x[i * TDM_GOAL_MAX + k] (SI), b->rising likewise. The
 * parameters are put back at the file's values after. */
typedef struct tdm_goal_boundary {
    const tdm_param *q;
    double lo, hi;
    int n;
    double *qx, *x; /* n; n x TDM_GOAL_MAX */
    int *m;
    bool *rising;
    long evaluations, failed;
} tdm_goal_boundary;
int tdm_goal_boundary_run(tdm_study *st, tdm_goal *g, tdm_goal_boundary *b, tdm_error *err);
void tdm_goal_boundary_free(tdm_goal_boundary *b);
void tdm_sweep_free(tdm_sweep *sw);

/* Each uncertain parameter at its low and high value (a uniform or triangular
 * distribution's ends, a normal or lognormal one's 5th and 95th percentiles, within its
 * bounds), the others at the file's values; rows sorted by the swing of output `out`. */
typedef struct tdm_tornado_row {
    const tdm_param *p;
    double lo, hi;     /* SI */
    double y_lo, y_hi; /* output out, display units; NaN when the point cannot be solved */
} tdm_tornado_row;
int tdm_tornado_run(tdm_study *st, const tdm_param *ps, int n, int out, tdm_tornado_row *rows,
                    double *base, tdm_error *err);
/* The same in parts: the rows of ps[0 .. n - 1] in their order, unsorted (and the base), then
 * the sort of all rows by their swing. */
int tdm_tornado_points(tdm_study *st, const tdm_param *ps, int n, int out, tdm_tornado_row *rows,
                       double *base, tdm_error *err);
void tdm_tornado_sort(tdm_tornado_row *rows, int n);

/* Rank correlations between uncertain parameters: Spearman's rho of a pair of them, imposed
 * on every sample through a normal copula (the pair's uniform numbers become normal scores,
 * mixed by the Cholesky factor of the scores' correlation 2 sin(pi rho / 6), and turned back
 * into uniform numbers), so that the inputs keep their distributions and get the rank
 * correlation asked for, while sample i still depends on (seed, i) alone. Iman and Conover
 * (1982) impose it by reordering a whole sample; that would make a sample depend on all the
 * others, and shards and jobs could not be merged. Written in [uncertainty] as
 * `correlation(A, B) = RHO ; source`, or on mc's command line as `--correlate A,B=RHO`. */
enum { TDM_STUDY_MAX_CORRELATIONS = 64 };
typedef struct tdm_correlation {
    int a, b;   /* indices into the parameters */
    double rho; /* in (-1, 1) */
    const char *source, *file;
    int line; /* 0: the command line */
} tdm_correlation;
typedef struct tdm_copula {
    int k;                                                /* the parameters in any correlation */
    int idx[TDM_STUDY_MAX_PARAMS];                        /* their indices */
    double L[TDM_STUDY_MAX_PARAMS][TDM_STUDY_MAX_PARAMS]; /* k x k, lower Cholesky factor */
} tdm_copula;
/* "A, B" and "RHO": a correlation of two of the parameters ps. */
int tdm_correlation_parse(tdm_correlation *c, const char *pair, const char *value,
                          const tdm_param *ps, int np, const char *file, int line, tdm_error *err);
/* The `correlation(A, B) = RHO` lines of the flowsheet's [uncertainty] section (which
 * tdm_params_read_section passes over). */
int tdm_correlations_read_section(tdm_correlation *c, int max, int *n, const tdm_flowsheet *fs,
                                  const tdm_param *ps, int np, tdm_error *err);
/* The copula of nc correlations among np parameters; refused when they cannot hold together
 * (a matrix that is not positive definite) or a pair is given twice. */
int tdm_copula_make(tdm_copula *cop, const tdm_correlation *c, int nc, const tdm_param *ps, int np,
                    tdm_error *err);
/* Imposes the correlations on one sample's uniform numbers u (np of them), in place; the
 * parameters in no correlation are left as they are, to the bit. */
void tdm_copula_apply(const tdm_copula *cop, double *u);

/* How a Monte Carlo run draws its uniform numbers, each from (seed, sample, parameter)
 * alone: plain random; or a Latin hypercube, sample i of n in stratum pi_j(i) of each
 * parameter j's n equal strata (pi_j a permutation keyed by the seed and j), at a random
 * point within it (McKay, Beckman and Conover 1979), so that every stratum holds one
 * sample and shards still merge exactly. */
enum tdm_sampling { TDM_SAMPLING_RANDOM, TDM_SAMPLING_LHS, TDM_SAMPLING_SOBOL };
/* Sobol's low-discrepancy sequence (Sobol 1967, with Joe and Kuo's 2008 direction numbers):
 * point i, dimension j (0 .. TDM_SOBOL_MAX_DIMS - 1) as 32 bits, in Gray-code order
 * (point 0 is all zeros); and the uniform number of sample i, parameter j, of a run: that
 * point under a random digital shift keyed by the seed (which keeps the sequence's nets:
 * of 2^m samples, each of a parameter's 2^m equal intervals holds one, and a pair of the
 * first parameters fills each box of 2^m in the unit square once), in
 * [TDM_UNIFORM_MIN, TDM_UNIFORM_MAX]. */
enum { TDM_SOBOL_MAX_DIMS = 32 };
uint32_t tdm_sobol_point(uint64_t i, int j);
double tdm_sobol_seq_uniform(uint64_t seed, uint64_t i, int j);
/* The uniform number of sample i of n, parameter j, under a Latin hypercube: in
 * [TDM_UNIFORM_MIN, TDM_UNIFORM_MAX]. */
double tdm_lhs_uniform(uint64_t seed, uint64_t i, uint64_t j, uint64_t n);

typedef struct tdm_mc {
    const char *flowsheet; /* for the report and the shard files */
    uint64_t seed;
    enum tdm_sampling sampling;
    long n, first, count;
    int np, nout;
    const char *param[TDM_STUDY_MAX_PARAMS];
    const char *out[TDM_STUDY_MAX_OUTPUTS], *out_unit[TDM_STUDY_MAX_OUTPUTS];
    double *x, *y;
    bool lent; /* x and y are the caller's (tdm_mc_plan): tdm_mc_free leaves them */
    /* the correlations imposed, as the shard files write them ("A~B=0.5;C~D=-0.3"); NULL:
     * none. The caller sets it (tdm_mc_correlations) and keeps the text. */
    const char *correlations;
} tdm_mc;
/* The text of tdm_mc.correlations for c (into buf of len; "" when nc is 0). */
void tdm_mc_correlations(const tdm_correlation *c, int nc, const tdm_param *ps, char *buf,
                         size_t len);
/* The most samples of one run (some 15 minutes at 100,000 a second). */
#define TDM_MC_MAX_SAMPLES 100000000L
/* What a run (or its shard) draws: the run's n samples from the seed, this shard's count
 * of them from sample first, how; progress (may be NULL) is called now and then. x and y:
 * where the samples go (count x np, count x nout), the caller's; NULL: the run makes them and
 * tdm_mc_free frees them. */
typedef struct tdm_mc_plan {
    uint64_t seed;
    long n, first, count;
    enum tdm_sampling sampling;
    void (*progress)(long done, long total, void *ctx);
    void *ctx;
    double *x, *y;
    const tdm_copula *copula; /* NULL: the parameters drawn independently */
} tdm_mc_plan;
/* Monte Carlo samples first .. first + count - 1 of n: inputs x (count x np, SI), outputs y
 * (count x nout, display units, NaN when a sample cannot be solved). The parameters are back
 * at the file's values afterwards. */
int tdm_mc_run(tdm_study *st, const tdm_param *ps, int np, const tdm_mc_plan *plan, tdm_mc *mc,
               tdm_error *err);
void tdm_mc_free(tdm_mc *mc);

/* A study in several threads at once: fn(k, ctx) for each job k of n, job 0 in the calling
 * thread and each other in a thread of its own, which starts with the signals that end a
 * process blocked (SIGINT, SIGTERM, SIGHUP, SIGQUIT: they reach the calling thread) and
 * frees the solver's per-thread state when it ends (tdm_thread_end). A job opens its own study in
 * its thread (the solver's objects belong to the thread that made them: a study cannot be handed
 * from one thread to another) and takes its part of the points; a point's result does not depend on
 * the job that solves it, so the output is the same for any n. A thread that cannot be started runs
 * its job in the calling thread after job 0. Returns 0, or the value of the lowest-numbered job
 * that failed. */
int tdm_jobs_run(int n, int (*fn)(int job, void *ctx), void *ctx);
/* The cores this process may run on (its CPU affinity), at least 1. */
int tdm_cores(void);

/* Variance-based global sensitivity: Sobol's first-order index S1 (the share of an output's
 * variance an input explains alone) and total index ST (with all its interactions) of each
 * input, by Saltelli's sampling (A, B and A with column i from B: n (k + 2) solves) with
 * Saltelli 2010's first-order and Jansen's total estimators, each with a 95 % bootstrap
 * interval (lo, hi; NaN without resamples). */
typedef struct tdm_sobol_index {
    double s1, st, s1_lo, s1_hi, st_lo, st_hi;
} tdm_sobol_index;
typedef struct tdm_sobol {
    long n, evaluations, failed;
    int k, nout;
    uint64_t seed;
    long used[TDM_STUDY_MAX_OUTPUTS]; /* base rows whose every point solved, per output */
    tdm_sobol_index index[TDM_STUDY_MAX_OUTPUTS][TDM_STUDY_MAX_PARAMS];
} tdm_sobol;
/* Every output's indices over the k parameters ps, n base samples; the parameters are back
 * at the file's values after. A row a point of which cannot be solved is left out of that
 * output's estimate. */
int tdm_sobol_run(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, long n, int resamples,
                  tdm_sobol *out, tdm_error *err);
/* The same in parts (a part per job): tdm_sobol_points solves evaluations first .. first +
 * count - 1 of the n (k + 2) (evaluation e is row e mod n of block e / n: A, B, then each
 * AB_i) into y (nout values each, NaN for a point that cannot be solved, counted in
 * *failed) and puts the parameters back; tdm_sobol_finish estimates from all of y. */
int tdm_sobol_points(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, long n, long first,
                     long count, double *y, long *failed, tdm_error *err);
int tdm_sobol_finish(const double *y, int nout, int k, uint64_t seed, long n, int resamples,
                     long failed, tdm_sobol *out, tdm_error *err);
/* The estimators on evaluations already made: fA and fB (n each), fAB (k blocks of n, block i
 * from AB_i); resamples for the bootstrap, drawn from seed. -1 when memory runs out. */
int tdm_sobol_estimate(const double *fA, const double *fB, const double *fAB, long n, int k,
                       uint64_t seed, int resamples, tdm_sobol_index *out);
/* The uniform number of row j of A (m = 0) or B (m = 1) for input i of k. */
double tdm_sobol_uniform(uint64_t seed, long j, int i, int k, int m);

/* Morris's elementary effects (Morris, Technometrics 1991; mu* of Campolongo, Cariboni and
 * Saltelli 2007): r trajectories on a grid of p levels of each input's probability, each
 * moving every input once by p / (2 (p - 1)) of the grid; an effect is the output's change
 * over that step per the whole range of probability (for a uniform input, per its range). mu* (the
 * mean of their sizes) ranks the inputs, sigma (their spread) says how far an input acts
 * non-linearly or through others. (r (k + 1) solves.) */
typedef struct tdm_morris_effect {
    double mu, mu_star, sigma; /* in the output's unit per the whole of the input's range */
    long n;                    /* effects counted (a step with a point that fails has none) */
} tdm_morris_effect;
typedef struct tdm_morris {
    int k, nout, trajectories, levels;
    uint64_t seed;
    long evaluations, failed;
    tdm_morris_effect effect[TDM_STUDY_MAX_OUTPUTS][TDM_STUDY_MAX_PARAMS];
} tdm_morris;
int tdm_morris_run(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, int trajectories,
                   int levels, tdm_morris *out, tdm_error *err);

/* Every sample as CSV: a first line `# tandem mc: flowsheet=...; seed=...; samples=...;
 * first=...; count=...`, a header `sample,<param> [SI],...,<output> [unit],...` and one row
 * per sample, numbers to 17 digits (they read back exactly). */
int tdm_mc_write(FILE *f, const tdm_mc *mc);
/* Reads shard files written by tdm_mc_write and joins them into the whole run (strings in
 * the arena): they must come from the same flowsheet, seed, sample count, parameters and
 * outputs, and hold every sample exactly once. */
int tdm_mc_read(const char *const *paths, int npaths, tdm_arena *a, tdm_mc *mc, tdm_error *err);

/* Summary statistics of n values (NaN values skipped): sorts a copy. */
typedef struct tdm_stats {
    long n, failed;
    double mean, sd, min, max, p5, p50, p95;
} tdm_stats;
int tdm_stats_of(const double *v, long n, tdm_stats *s);
/* Spearman rank correlation of two series (pairs with a NaN skipped). */
double tdm_spearman(const double *x, const double *y, long n);
/* Ranks of n finite values, ties averaged, 1 for the smallest (-1: out of memory), and
 * Pearson's correlation of two rank series: Spearman's rho when nothing is skipped. */
int tdm_ranks(const double *x, long n, double *rank);
double tdm_rank_correlation(const double *ax, const double *ay, long n);

/* What a Monte Carlo run says: statistics of each output, the Spearman rank correlation of
 * each input with each output, and the share of the solved samples whose first output is
 * at most target (NaN target: not asked). */
typedef struct tdm_mc_summary {
    tdm_stats out[TDM_STUDY_MAX_OUTPUTS];
    double rho[TDM_STUDY_MAX_PARAMS][TDM_STUDY_MAX_OUTPUTS];
    double target, p_below;
} tdm_mc_summary;
int tdm_mc_summarize(const tdm_mc *mc, double target, tdm_mc_summary *s);

#endif
