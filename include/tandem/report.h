/* tandem/report.h: results written for people (text) and for programs (CSV, JSON).
 *
 * Every writer takes an open FILE and writes one document; the caller decides where it
 * goes (the CLI writes files through a temporary name and renames them). Numbers are
 * shown in engineering units (t/day, MW, GJ/t, mA/cm2); JSON and CSV name the unit of
 * every number. NaN never reaches a report: it is written as "n/a" (text), empty (CSV)
 * or null (JSON). */
#ifndef TANDEM_REPORT_H
#define TANDEM_REPORT_H

#include <stdio.h>

#include "tandem/figures.h"
#include "tandem/results.h"
#include "tandem/species.h"

enum tdm_format { TDM_FMT_TEXT, TDM_FMT_CSV, TDM_FMT_JSON, TDM_FMT_MARKDOWN };

/* How compare lays out its table: every summary figure as a row with one column per
 * flowsheet, or one row per flowsheet with the headline figures; AUTO picks columns for up
 * to four flowsheets. Markdown is always one row per flowsheet. */
enum tdm_layout { TDM_LAYOUT_AUTO, TDM_LAYOUT_COLUMNS, TDM_LAYOUT_ROWS };

/* "text", "csv", "json", "markdown" -> format; -1 when unknown. */
int tdm_format_parse(const char *s);

int tdm_report_solve(FILE *f, enum tdm_format fmt, const tdm_results *res);
/* teas: the priced flowsheets (NULL, or NULL entries, for none); cost figures join the
 * summary where present. */
struct tdm_tea;
int tdm_report_compare(FILE *f, enum tdm_format fmt, enum tdm_layout layout,
                       const tdm_results *const *res, const struct tdm_tea *const *teas, int n);
/* An SVG bar chart (PLplot) of the flowsheets' levelized costs, or of their energy per
 * tonne when none is priced; written atomically. The emissions chart: each flowsheet's
 * emissions per tonne, cradle to gate (docs/carbon.md), one not assessed at 0 and so
 * named. */
int tdm_report_compare_emissions_chart(const char *path, const tdm_results *const *res,
                                       const struct tdm_tea *const *teas, int n, tdm_error *err);
int tdm_report_compare_chart(const char *path, const tdm_results *const *res,
                             const struct tdm_tea *const *teas, int n, tdm_error *err);
/* The built-in species, and those of fs ([species.NAME] sections) when fs is not NULL. */
/* JSON values: a string, quoted and escaped; a number, or null when it is not finite. */
void tdm_json_str(FILE *f, const char *s);
void tdm_json_num(FILE *f, double v);
/* The energy flow (tdm_energy_flow) in MW and GJ per tonne of main product: text or CSV;
 * and as bars, in above the axis and out below it (SVG). */
int tdm_report_energy(FILE *f, enum tdm_format fmt, const tdm_results *res);
int tdm_report_energy_chart(const char *path, const tdm_results *res, tdm_error *err);
/* The flowsheet as a Graphviz DOT digraph: units as nodes, streams as edges labelled
 * with their names and, when res is not NULL, their flows (t/day, main species). */
int tdm_report_diagram(FILE *f, const struct tdm_flowsheet *fs, const tdm_results *res);
int tdm_report_species(FILE *f, enum tdm_format fmt, const struct tdm_flowsheet *fs);
/* The species list behind tdm_report_species: pointers into the tables, count returned. */
int tdm_species_list(const struct tdm_flowsheet *fs, const struct tdm_species **out, int max);

/* The cost report of a priced flowsheet (tandem/tea.h). */
struct tdm_tea;
int tdm_report_cost(FILE *f, enum tdm_format fmt, const tdm_results *res, const struct tdm_tea *t);
/* What a full cost report holds besides the plant's costs: the tornado of its cost drivers
 * (the caller runs it on a study of its own: tandem/study.h), or why there is none. */
struct tdm_study;
struct tdm_tornado_row;
typedef struct tdm_cost_extras {
    const struct tdm_study *tornado_study;
    const struct tdm_tornado_row *tornado_rows; /* NULL: no sensitivity, for tornado_why */
    int tornado_n;
    double tornado_base;       /* the levelized cost with every parameter as in the files */
    const char *tornado_basis; /* which parameters and ranges, for the reader */
    const char *tornado_why;   /* why there is no sensitivity section */
} tdm_cost_extras;

/* The full report as a directory: report.md and report.html (opening with the assumptions
 * and the sensitivity, with capital.svg, operating.svg, cash_flow.svg and tornado.svg drawn
 * by PLplot), report.json, cost_lines.csv, cash_flow.csv and report.xlsx (a live model: its
 * cash flow, NPV and levelized cost are formulas on its Assumptions sheet). Written in a
 * temporary directory and moved into dir when complete. x may be NULL. */
int tdm_report_cost_dir(const char *dir, const tdm_results *res, const struct tdm_tea *t,
                        const tdm_cost_extras *x, tdm_error *err);

/* Heat integration (tandem/heat.h): text, CSV (composite curves, cascade) or JSON; and the
 * composite curves as an SVG chart, written atomically. */
struct tdm_heat;
int tdm_report_heat(FILE *f, enum tdm_format fmt, const struct tdm_heat *h);
int tdm_report_heat_chart(const char *path, const struct tdm_heat *h, tdm_error *err);

/* A dispatch (tandem/dispatch.h): text, CSV (a row a period) or JSON. */
struct tdm_dispatch;
int tdm_report_dispatch(FILE *f, enum tdm_format fmt, const struct tdm_dispatch *d);
/* Its charts (SVG, atomically): week N's loads, storage and price (from 0; on typical days,
 * typical days 7N + 1 to 7N + 7), and each stage's load duration curve over the profile. */
int tdm_report_dispatch_week(const char *path, const struct tdm_dispatch *d, int week,
                             tdm_error *err);
int tdm_report_dispatch_duration(const char *path, const struct tdm_dispatch *d, tdm_error *err);

/* An optimization (tandem/optimize.h) and the plant at its optimum: text, CSV or JSON. */
struct tdm_opt_problem;
struct tdm_optimum;
int tdm_report_optimize(FILE *f, enum tdm_format fmt, const struct tdm_opt_problem *p,
                        const struct tdm_optimum *o, const tdm_results *res);

/* A Pareto front (tandem/optimize.h): text, CSV or JSON; and its chart (SVG, atomically). */
struct tdm_pareto;
int tdm_report_pareto(FILE *f, enum tdm_format fmt, const struct tdm_opt_problem *p,
                      const struct tdm_pareto *front);
int tdm_report_pareto_chart(const char *path, const struct tdm_pareto *front, tdm_error *err);

/* Sweeps, tornado charts and Monte Carlo (tandem/study.h): text, CSV or JSON, and charts
 * (a line or a heat map, tornado bars, a histogram of the first output), atomically. */
struct tdm_study;
struct tdm_sweep;
struct tdm_tornado_row;
struct tdm_mc;
struct tdm_mc_summary;
int tdm_report_sweep(FILE *f, enum tdm_format fmt, const struct tdm_study *st,
                     const struct tdm_sweep *sw);
int tdm_report_sweep_chart(const char *path, const struct tdm_study *st, const struct tdm_sweep *sw,
                           tdm_error *err);
int tdm_report_tornado(FILE *f, enum tdm_format fmt, const struct tdm_study *st, int out,
                       const struct tdm_tornado_row *rows, int n, double base);
int tdm_report_tornado_chart(const char *path, const struct tdm_study *st, int out,
                             const struct tdm_tornado_row *rows, int n, double base,
                             tdm_error *err);
struct tdm_sobol;
struct tdm_param;
/* Sobol indices: for each output, each parameter's first-order and total index with their
 * intervals. */
int tdm_report_sobol(FILE *f, enum tdm_format fmt, const struct tdm_study *st,
                     const struct tdm_param *ps, const struct tdm_sobol *so);
struct tdm_morris;
/* Morris effects: for each output, each parameter's mu*, mu and sigma. */
int tdm_report_morris(FILE *f, enum tdm_format fmt, const struct tdm_study *st,
                      const struct tdm_param *ps, const struct tdm_morris *m);
/* Bar charts of the first output's Sobol indices (each parameter's S1 and ST) and Morris
 * mu*, the largest 16 parameters first (charts.h's module). */
int tdm_report_sobol_chart(const char *path, const struct tdm_study *st, int out,
                           const struct tdm_param *ps, const struct tdm_sobol *so, tdm_error *err);
int tdm_report_morris_chart(const char *path, const struct tdm_study *st, int out,
                            const struct tdm_param *ps, const struct tdm_morris *m, tdm_error *err);
struct tdm_goal;
/* A goal sought: each value of the parameter that meets the target, every output there; or,
 * met nowhere, how near the output came. */
int tdm_report_goal(FILE *f, enum tdm_format fmt, const struct tdm_study *st,
                    const struct tdm_goal *g);
/* The boundary where a target is met, across a second parameter: each of its values and the
 * first parameter's values there; and as a line (the chart module). */
struct tdm_goal_boundary;
int tdm_report_goal_boundary(FILE *f, enum tdm_format fmt, const struct tdm_study *st,
                             const struct tdm_goal *g, const struct tdm_goal_boundary *b);
int tdm_report_goal_boundary_chart(const char *path, const struct tdm_study *st,
                                   const struct tdm_goal *g, const struct tdm_goal_boundary *b,
                                   tdm_error *err);
int tdm_report_mc(FILE *f, enum tdm_format fmt, const struct tdm_mc *mc,
                  const struct tdm_mc_summary *s);
int tdm_report_mc_chart(const char *path, const struct tdm_mc *mc, tdm_error *err);

/* Number formatting shared by the text writers: 4 significant digits, "n/a" for NaN. */
void tdm_fmt_number(char *buf, size_t n, double v);
/* As tdm_fmt_number, but "-" for a missing (NaN or infinite) value. */
void tdm_fmt_dash(char *buf, size_t n, double v);
/* Whole dollars with thousands separators: -12,345,678; "-" for NaN. */
void tdm_fmt_money(char *buf, size_t n, double v);
/* Value and unit for display: converts SI to unit, and for "A" and "W" picks an SI prefix. */
void tdm_fmt_quantity(char *num, size_t nn, char *unit, size_t nu, double si, const char *disp);

#endif
