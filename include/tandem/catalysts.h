/* tandem/catalysts.h: the cascade catalysts of the seed review, as electrolyzer presets.
 *
 * Every row of Tables 1-3 of Li et al., Chem. Sci. 2026, 17, 772 ("Summary of multiple
 * active site catalysts", "... crystal facet and heterointerface-based cascade catalysts",
 * "... confined cascade catalytic systems"): catalyst, mechanism, electrolyte, potential
 * and Faradaic efficiency as the review reports them, with the review's reference number.
 * An electrolyzer names one with `catalyst = ID`; the preset gives its key reactant(s), the
 * Faradaic efficiency to the main product (the rest to H2) and the cathode potential for
 * the cell-voltage estimate. Any key the section gives itself wins. */
#ifndef TANDEM_CATALYSTS_H
#define TANDEM_CATALYSTS_H

typedef struct tdm_catalyst {
    const char *id;   /* "cu3n-ag" */
    const char *name; /* "Cu3N-Ag nanocubes" */
    int table, ref;   /* seed table (1-3) and reference number */
    const char *mechanism;
    const char *electrolyte;
    const char *potential;   /* as reported: "-0.7 V vs. RHE" */
    double e_rhe;            /* V vs RHE; NAN when reported against another electrode */
    double fe;               /* Faradaic efficiency to the main product; NAN when not given */
    const char *reported;    /* the product as reported: "NH3", "C2+", "urea" */
    const char *product;     /* species modelled: "NH3", "C2H4" (for C2+), "CH4N2O"; NULL */
    const char *reactant;    /* key reactant: "CO2" or "HNO3" */
    const char *co_reactant; /* second reactant (urea: HNO3), or NULL */
} tdm_catalyst;

int tdm_catalyst_count(void);
const tdm_catalyst *tdm_catalyst_get(int i);
const tdm_catalyst *tdm_catalyst_find(const char *id);

#endif
