/* The table of unit kinds. Adding a kind = one file in src/units/ + one line here. */
#include <string.h>

#include "kinds.h"

#include <string.h>

/* clang-format off */
static const tdm_unit_kind *const kinds[] = {
    &tdm_kind_feed,
    &tdm_kind_product,
    &tdm_kind_mixer,
    &tdm_kind_splitter,
    &tdm_kind_separator,
    &tdm_kind_electrolyzer,
    &tdm_kind_heater,
    &tdm_kind_cooler,
    &tdm_kind_compressor,
    &tdm_kind_pump,
    &tdm_kind_reactor,
    &tdm_kind_bioreactor,
    &tdm_kind_storage,
};
/* clang-format on */

int
tdm_unit_kind_count(void)
{
    return (int)(sizeof kinds / sizeof *kinds);
}

const tdm_unit_kind *
tdm_unit_kind_get(int i)
{
    return i >= 0 && i < tdm_unit_kind_count() ? kinds[i] : NULL;
}

const tdm_unit_kind *
tdm_unit_kind_find(const char *name)
{
    for (int i = 0; i < tdm_unit_kind_count(); i++)
        if (strcmp(kinds[i]->name, name) == 0) return kinds[i];
    return NULL;
}

static const char *const basis_names[TDM_NBASIS] = {"area",        "power",       "gas_flow",
                                                    "liquid_flow", "mass_flow",   "duty",
                                                    "volume",      "vessel_mass", "co2_flow"};

const char *
tdm_basis_name(enum tdm_basis b)
{
    return b < TDM_NBASIS ? basis_names[b] : "?";
}

int
tdm_basis_find(const char *name)
{
    for (int b = 0; b < TDM_NBASIS; b++)
        if (strcmp(basis_names[b], name) == 0) return b;
    return -1;
}
