/* writers.h (private to src/report): one writer per format. */
#ifndef TANDEM_WRITERS_H
#define TANDEM_WRITERS_H

#include "tandem/flowsheet.h"
#include "tandem/report.h"

int tdm_text_solve(FILE *f, const tdm_results *res);
struct tdm_tea;
int tdm_text_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas,
                     int n);
int tdm_text_compare_rows(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas,
                          int n);
int tdm_markdown_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas,
                         int n);
int tdm_text_species(FILE *f, const tdm_flowsheet *fs);
/* A text field of CSV: quoted, quotes doubled, and one that a spreadsheet would take for a
 * formula (opening with =, +, -, @, a tab or a carriage return) prefixed with ', as OWASP
 * advises against CSV injection: an item named `=SUM(A1)` stays text. */
void tdm_csv_text(FILE *f, const char *s);
/* A text field as RFC 4180 has it: quoted (quotes doubled) only when it holds a comma, a
 * quote or a line break: for labels the program makes and names of units and keys (INI names:
 * letters, digits, _ - .); free text from a user's file goes through tdm_csv_text. */
void tdm_csv_field(FILE *f, const char *s);
/* The machine-readable reports, written once against an emitter (plant.c). */
struct tdm_emitter;
int tdm_machine_solve(struct tdm_emitter *e, const tdm_results *res);
int tdm_machine_compare(struct tdm_emitter *e, const tdm_results *const *res,
                        const struct tdm_tea *const *teas, int n);
int tdm_machine_species(struct tdm_emitter *e, const tdm_flowsheet *fs);

/* JSON pieces every writer shares: a string with its escapes (NULL as ""), a number (null
 * for NaN), and a quantity {"value": v, "unit": "u"}, after "key": when key is not NULL. */
void tdm_json_qty(FILE *f, const char *key, double v, const char *unit);

enum { TDM_MAX_SUMMARY = 256 }; /* rows of a plant summary; by-products beyond 16 are not listed */

/* The headline figures of one solved flowsheet, in display units (t/day, GJ/t, %). */
typedef struct tdm_headline {
    char name[64];       /* the file name without directory and .ini */
    const char *product; /* main product: name */
    const char *common;  /* and common name */
    double rate, electricity, heat, total, gibbs, second_law, carbon;
    double lcop; /* $/t; NAN when not priced */
    /* t CO2e per t, cradle to gate, and the grid intensity at which it equals the route the
     * product replaces, g/kWh (docs/carbon.md); NAN when not assessed */
    double emissions, breakeven_grid;
} tdm_headline;

void tdm_headline_of(const tdm_results *res, const struct tdm_tea *t, tdm_headline *h);

#endif
