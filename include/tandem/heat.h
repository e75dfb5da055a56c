/* tandem/heat.h: heat integration of a solved flowsheet by the heat cascade.
 *
 * Every heat duty of the flowsheet is a stream: one that needs heat (cold) or gives heat
 * (hot), over its temperature change (heaters, coolers, reactor preheat) or at one
 * temperature (a cell, a reaction, a fermenter, a separation; taken over 1 K). With a
 * minimum approach dT_min, hot temperatures shift down and cold ones up by dT_min / 2; the
 * shifted temperatures cut the range into intervals, and the heat cascade
 *   R_0 = Q_hot,  R_k = R_(k-1) + (hot - cold heat in interval k),  R_k >= 0,
 *   minimize Q_hot;  Q_cold = R_K
 * is solved as a linear program on GLPK (Linnhoff and Hindmarsh, Chem. Eng. Sci. 1983; Kemp,
 * Pinch Analysis and Process Integration, 2nd ed., 2007). The pinch is where the cascade
 * carries no heat. */
#ifndef TANDEM_HEAT_H
#define TANDEM_HEAT_H

#include "tandem/error.h"
#include "tandem/results.h"

typedef struct tdm_heat_stream {
    const char *unit, *label;
    double q;                  /* W: > 0 needs heat (cold stream), < 0 gives heat (hot) */
    double t_supply, t_target; /* K */
} tdm_heat_stream;

enum { TDM_HEAT_MAX_STREAMS = 256, TDM_HEAT_MAX_POINTS = 2 * TDM_HEAT_MAX_STREAMS + 2 };

typedef struct tdm_heat {
    double dtmin;
    int n;
    tdm_heat_stream s[TDM_HEAT_MAX_STREAMS];
    double heat_needed, heat_rejected; /* without integration, W */
    double hot_utility, cold_utility;  /* minimum, W */
    double recovered;                  /* heat exchanged between streams, W */
    double pinch_shifted;              /* K; NAN when the cascade never runs dry */
    /* Interval boundaries (shifted temperature, descending) and the heat flowing below each. */
    int nb;
    double boundary[TDM_HEAT_MAX_POINTS], cascade[TDM_HEAT_MAX_POINTS];
    /* Composite curves: temperature (K) against cumulative enthalpy (W) from the cold end;
     * the cold curve starts at the minimum cold utility. */
    int nhot, ncold;
    double hot_t[TDM_HEAT_MAX_POINTS], hot_h[TDM_HEAT_MAX_POINTS];
    double cold_t[TDM_HEAT_MAX_POINTS], cold_h[TDM_HEAT_MAX_POINTS];
} tdm_heat;

/* The cascade of the streams already in h (h->n, h->s) at dtmin (K). */
int tdm_heat_cascade(tdm_heat *h, double dtmin, tdm_error *err);
/* Collects the streams of a solved flowsheet and runs the cascade. */
int tdm_heat_analyze(const tdm_results *res, double dtmin, tdm_heat *h, tdm_error *err);

#endif
