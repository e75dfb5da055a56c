/* charts.h (private to src/report): SVG charts drawn with PLplot. Each call writes one
 * complete file; 0 or -1. */
#ifndef TANDEM_CHARTS_H
#define TANDEM_CHARTS_H

int tdm_chart_bars(const char *path, const char *title, const char *ylabel,
                   const char *const *labels, const double *values, int n);
int tdm_chart_cash_flow(const char *path, const char *title, const int *years, const double *net,
                        const double *cumulative, int n);

/* Hot and cold composite curves: temperatures (C) against enthalpy (MW). */
int tdm_chart_composite(const char *path, const double *ht, const double *hh, int nh,
                        const double *ct, const double *ch, int nc);

/* A trade-off curve: y against x with a marker at each point (NAN points skipped). */
int tdm_chart_front(const char *path, const char *title, const char *xlabel, const char *ylabel,
                    const double *x, const double *y, int n);

#endif
