/* graphics.h (private to src/report): the table of the tandem-graphics module (charts.c and
 * xlsx.c, linked with PLplot and libxlsxwriter), which plugin.c loads with dlopen the first
 * time a chart or a workbook is written. Each function writes one complete file; 0 or -1. */
#ifndef TANDEM_GRAPHICS_H
#define TANDEM_GRAPHICS_H

#include "tandem/results.h"
#include "tandem/tea.h"

struct tdm_tea;

/* Raised whenever what the module reads changes layout: this table, tdm_xlsx_names, or the
 * library structs it is handed (4: tdm_tea's carbon account, the names of its causes; 5:
 * lines, for dispatch). */
enum { TDM_GRAPHICS_VERSION = 5 };

/* What the workbook needs from the rest of tandem, looked up by the caller: the module
 * links only PLplot and libxlsxwriter, not tandem's own library. */
struct tdm_assumption;
struct tdm_xlsx_names {
    const char *title, *convention;
    double index_now;                         /* the cost index of the scenario's year */
    const struct tdm_assumption *assumptions; /* tdm_tea_assumptions */
    int nassumptions;
    /* the library's tdm_cash_columns: the module links none of the library, so what it
     * shares with the other writers it is handed */
    const struct tdm_cash_column *cash_columns;
    const char *cause[TDM_CO2_NCAUSES]; /* tdm_co2_cause_name of each cause */
};

typedef struct tdm_graphics {
    int version;
    int (*bars)(const char *path, const char *title, const char *ylabel, const char *const *labels,
                const double *values, int n);
    int (*cash_flow)(const char *path, const char *title, const int *years, const double *net,
                     const double *cumulative, int n);
    int (*composite)(const char *path, const double *ht, const double *hh, int nh, const double *ct,
                     const double *ch, int nc);
    int (*front)(const char *path, const char *title, const char *xlabel, const char *ylabel,
                 const double *x, const double *y, int n);
    int (*map)(const char *path, const char *title, const char *xlabel, const char *ylabel,
               const double *xs, int nx, const double *ys, int ny, const double *z);
    int (*tornado)(const char *path, const char *title, const char *xlabel,
                   const char *const *labels, const double *lo, const double *hi, int n,
                   double base);
    int (*histogram)(const char *path, const char *title, const char *xlabel, const double *v,
                     long n, int bins);
    int (*xlsx_cost)(const char *path, const tdm_results *res, const struct tdm_tea *t,
                     const struct tdm_xlsx_names *names);
    int (*lines)(const char *path, const char *title, const char *xlabel, const char *ylabel,
                 const double *x, int n, const double *y, const char *const *names, int nseries);
} tdm_graphics;

/* In the module. */
extern const tdm_graphics tdm_graphics_v1;
int tdm_plot_xlsx_cost(const char *path, const tdm_results *res, const struct tdm_tea *t,
                       const struct tdm_xlsx_names *names);

#endif
