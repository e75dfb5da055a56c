/* charts.h (private to src/report): SVG charts drawn with PLplot and the cost workbook,
 * through the tandem-graphics module that plugin.c loads on first use. Each call writes one
 * complete file; 0 or -1 (tdm_graphics_error then says why when the module is missing). */
#ifndef TANDEM_CHARTS_H
#define TANDEM_CHARTS_H

#include <stddef.h>

#include "tandem/error.h"
#include "tandem/results.h"

/* A chart is drawn into a temporary file and put in place when complete
 * (tdm_output_begin and tdm_output_end): tdm_chart_begin names and creates tmp;
 * tdm_chart_end puts it in place (rc 0) or removes it, and returns 0 or the error. */
int tdm_chart_begin(const char *path, char *tmp, size_t n, tdm_error *err);
int tdm_chart_end(const char *path, const char *tmp, int rc, tdm_error *err);
/* Why the module could not be loaded, or NULL. */
const char *tdm_graphics_error(void);

struct tdm_tea;
int tdm_xlsx_cost(const char *path, const tdm_results *res, const struct tdm_tea *t);

int tdm_chart_bars(const char *path, const char *title, const char *ylabel,
                   const char *const *labels, const double *values, int n);
int tdm_chart_cash_flow(const char *path, const char *title, const int *years, const double *net,
                        const double *cumulative, int n);

/* Hot and cold composite curves: temperatures (C) against enthalpy (MW). */
int tdm_chart_composite(const char *path, const double *ht, const double *hh, int nh,
                        const double *ct, const double *ch, int nc);

/* Several series against one x: y[s * n + i] is series s at x[i], each in its own colour,
 * named above the plot (at most 8 series). */
int tdm_chart_lines(const char *path, const char *title, const char *xlabel, const char *ylabel,
                    const double *x, int n, const double *y, const char *const *names, int nseries);

/* A trade-off curve: y against x with a marker at each point (NAN points skipped). */
int tdm_chart_front(const char *path, const char *title, const char *xlabel, const char *ylabel,
                    const double *x, const double *y, int n);

/* A heat map of z (nx x ny, z[i * ny + j] at xs[i], ys[j]) with its colour scale. */
int tdm_chart_map(const char *path, const char *title, const char *xlabel, const char *ylabel,
                  const double *xs, int nx, const double *ys, int ny, const double *z);
/* Horizontal bars from base to the low (blue) and high (red) result of each row. */
int tdm_chart_tornado(const char *path, const char *title, const char *xlabel,
                      const char *const *labels, const double *lo, const double *hi, int n,
                      double base);
/* A histogram of v (NaN skipped) in `bins` bins, as shares of the samples. */
int tdm_chart_histogram(const char *path, const char *title, const char *xlabel, const double *v,
                        long n, int bins);

#endif
