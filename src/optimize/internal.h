/* internal.h (private): what the optimizer's files share. */
#ifndef TANDEM_OPTIMIZE_INTERNAL_H
#define TANDEM_OPTIMIZE_INTERNAL_H

#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
#include "tandem/quantity.h"

/* An error about a key of the problem: "file:line: [optimize] ..." for a key of the
 * section, "command line: ..." for one given there (line 0), "file: [optimize] ..." for
 * none (line < 0). Returns -1. */
int tdm_opt_errorf(const tdm_opt_problem *p, enum tdm_error_class cls, int line, tdm_error *err,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
