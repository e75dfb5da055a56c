/* tandem/figures.h: the plant's figures, one list for every reader.
 *
 * What a solved (and perhaps priced) flowsheet reports about itself: each figure a key
 * (`total_energy`, `levelized_cost`), a label, a value in SI and the unit it is shown in.
 * Every report format, compare, the studies (sweep, tornado, Monte Carlo), serve and the
 * optimizer's outputs read the same list, so that a figure has one name everywhere. */
#ifndef TANDEM_FIGURES_H
#define TANDEM_FIGURES_H

#include "tandem/results.h"

#include <stdbool.h>

struct tdm_tea;

/* One figure of the table (src/results/figures.c), in the order every report lists them:
 * a single figure has its getter (SI); a group of figures made from what the plant holds
 * (electricity by kind of unit, each by-product, each cell's conversion, each element's
 * closure) has no key and its `expand`. A label with %s names the key reactant. */
typedef struct tdm_figure {
    const char *key, *label, *unit; /* unit: the display unit */
    bool needs_cost;                /* read from the cost model: only for a priced plant */
    double (*get)(const tdm_results *res, const struct tdm_tea *t);
    int (*expand)(const tdm_results *res, tdm_quant *q, int n, int max);
} tdm_figure;

/* The single figure of that key, NULL for none (a group's figures are found in a list). */
const tdm_figure *tdm_figure_find(const char *key);
const tdm_figure *tdm_figure_at(int i); /* NULL past the last */

/* The plant summary as a list of quantities. Returns the count (past max: the count there
 * would be), -1 with errno ENOMEM when a label could not be made; labels live in the
 * results' arena. */
int tdm_summary_quants(const tdm_results *res, tdm_quant *q, int max);
/* The summary quantities followed, when t is not NULL, by the headline cost figures. */
int tdm_compare_quants(const tdm_results *res, const struct tdm_tea *t, tdm_quant *q, int max);

#endif
