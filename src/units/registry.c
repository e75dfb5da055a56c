/* The table of unit kinds. Adding a kind = one file in src/units/ + one line here. */
#include <string.h>

#include "kinds.h"

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
