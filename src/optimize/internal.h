/* internal.h (private): what the optimizer's files share. */
#ifndef TANDEM_OPTIMIZE_INTERNAL_H
#define TANDEM_OPTIMIZE_INTERNAL_H

#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
#include "tandem/quantity.h"

#endif
