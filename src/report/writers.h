/* writers.h (private to src/report): one writer per format. */
#ifndef TANDEM_WRITERS_H
#define TANDEM_WRITERS_H

#include "tandem/flowsheet.h"
#include "tandem/report.h"

int tdm_text_solve(FILE *f, const tdm_results *res);
int tdm_text_compare(FILE *f, const tdm_results *const *res, int n);
int tdm_text_species(FILE *f, const tdm_flowsheet *fs);
int tdm_csv_solve(FILE *f, const tdm_results *res);
int tdm_csv_compare(FILE *f, const tdm_results *const *res, int n);
int tdm_csv_species(FILE *f, const tdm_flowsheet *fs);
int tdm_json_solve(FILE *f, const tdm_results *res);
int tdm_json_compare(FILE *f, const tdm_results *const *res, int n);
int tdm_json_species(FILE *f, const tdm_flowsheet *fs);

enum { TDM_MAX_SUMMARY = 64 };

#endif
