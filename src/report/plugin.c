/* plugin.c: charts and workbooks through the tandem-graphics module, loaded with dlopen the
 * first time one is written. PLplot and libxlsxwriter pull in some twenty libraries; a
 * command that draws nothing (solve, cost without a report directory, a Monte Carlo run)
 * starts without them. The module is looked for at $TANDEM_GRAPHICS, then in the
 * installation the running program is part of (so a moved installation uses its own), then
 * where the build put it, then where `meson install` puts it. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "graphics.h"
#include "tandem/data.h"
#include "tandem/flowsheet.h"
#include "tandem/io.h"
#include "tandem/tea.h"
#include "tandem_config.h"

static const tdm_graphics *loaded;
static char why[600];

static const tdm_graphics *
graphics(void)
{
    if (loaded) return loaded;
    char prefix[TDM_DATA_PATH], own[TDM_DATA_PATH + 64];
    own[0] = '\0';
    if (tdm_data_install_prefix(prefix, sizeof prefix))
        snprintf(own, sizeof own, "%s/%s/tandem/tandem-graphics.so", prefix, TANDEM_LIBDIR);
    const char *paths[] = {getenv("TANDEM_GRAPHICS"), own, TANDEM_GRAPHICS_BUILD,
                           TANDEM_GRAPHICS_INSTALLED};
    why[0] = '\0';
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        if (!paths[i] || !paths[i][0]) continue;
        void *h = dlopen(paths[i], RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            const char *e = dlerror();
            size_t l = strlen(why);
            snprintf(why + l, sizeof why - l, "%s%s", l ? "; " : "", e ? e : paths[i]);
            continue;
        }
        const tdm_graphics *g = dlsym(h, "tdm_graphics_v1");
        if (g && g->version == TDM_GRAPHICS_VERSION) return loaded = g;
        snprintf(why, sizeof why, "%s is not tandem-graphics version %d", paths[i],
                 TDM_GRAPHICS_VERSION);
        dlclose(h);
    }
    return NULL;
}

const char *
tdm_graphics_error(void)
{
    return why[0] ? why : NULL;
}

int
tdm_chart_begin(const char *path, char *tmp, size_t n, tdm_error *err)
{
    if (tdm_file_is_input(path))
        return tdm_errorf(err, TDM_EINPUT, path, 0,
                          "is one of the files this run read; tandem never writes its inputs");
    if (tdm_output_begin(path, tmp, n))
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot write: %s", strerror(errno));
    return 0;
}

int
tdm_chart_end(const char *path, const char *tmp, int rc, tdm_error *err)
{
    if (tdm_output_end(path, tmp, rc == 0) != 0) {
        if (tdm_graphics_error())
            return tdm_errorf(err, TDM_ESYSTEM, path, 0,
                              "cannot draw the chart: the tandem-graphics module does not load "
                              "(%s)",
                              tdm_graphics_error());
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot write the chart");
    }
    return 0;
}

#define FORWARD(call)                                                                              \
    do {                                                                                           \
        const tdm_graphics *g = graphics();                                                        \
        return g ? g->call : -1;                                                                   \
    } while (0)

int
tdm_chart_bars(const char *path, const char *title, const char *ylabel, const char *const *labels,
               const double *values, int n)
{
    FORWARD(bars(path, title, ylabel, labels, values, n));
}

int
tdm_chart_cash_flow(const char *path, const char *title, const int *years, const double *net,
                    const double *cumulative, int n)
{
    FORWARD(cash_flow(path, title, years, net, cumulative, n));
}

int
tdm_chart_composite(const char *path, const double *ht, const double *hh, int nh, const double *ct,
                    const double *ch, int nc)
{
    FORWARD(composite(path, ht, hh, nh, ct, ch, nc));
}

int
tdm_chart_lines(const char *path, const char *title, const char *xlabel, const char *ylabel,
                const double *x, int n, const double *y, const char *const *names, int nseries)
{
    FORWARD(lines(path, title, xlabel, ylabel, x, n, y, names, nseries));
}

int
tdm_chart_front(const char *path, const char *title, const char *xlabel, const char *ylabel,
                const double *x, const double *y, int n)
{
    FORWARD(front(path, title, xlabel, ylabel, x, y, n));
}

int
tdm_chart_map(const char *path, const char *title, const char *xlabel, const char *ylabel,
              const double *xs, int nx, const double *ys, int ny, const double *z)
{
    FORWARD(map(path, title, xlabel, ylabel, xs, nx, ys, ny, z));
}

int
tdm_chart_tornado(const char *path, const char *title, const char *xlabel,
                  const char *const *labels, const double *lo, const double *hi, int n, double base)
{
    FORWARD(tornado(path, title, xlabel, labels, lo, hi, n, base));
}

int
tdm_chart_histogram(const char *path, const char *title, const char *xlabel, const double *v,
                    long n, int bins)
{
    FORWARD(histogram(path, title, xlabel, v, n, bins));
}

int
tdm_xlsx_cost(const char *path, const tdm_results *res, const struct tdm_tea *t)
{
    tdm_assumption *as = calloc(TDM_MAX_ASSUMPTIONS, sizeof *as);
    if (!as) return -1;
    struct tdm_xlsx_names names = {tdm_flowsheet_title(res->fs),
                                   tdm_convention_name(t->sc->convention),
                                   tdm_scenario_index(t->sc, t->sc->year),
                                   as,
                                   tdm_tea_assumptions(t, res, as, TDM_MAX_ASSUMPTIONS),
                                   tdm_cash_columns,
                                   {NULL}};
    for (int k = 0; k < TDM_CO2_NCAUSES; k++)
        names.cause[k] = tdm_co2_cause_name((enum tdm_co2_cause)k);
    const tdm_graphics *g = graphics();
    int rc = g ? g->xlsx_cost(path, res, t, &names) : -1;
    free(as);
    return rc;
}
