/* The objectives of `tandem optimize`, one row each: a new objective is a row here (its
 * figure and sign, its display) and nothing else. */
#include <stddef.h>
#include <string.h>

#include "tandem/optimize.h"

/* clang-format off */
static const tdm_objective_info table[] = {
    {TDM_OBJ_MIN_ENERGY, "min_energy", "energy per tonne of main product", "GJ/t",
     TDM_OBJF_ELECTRICITY, true, false, true, false, 1e6},
    {TDM_OBJ_MIN_ELECTRICITY, "min_electricity", "electricity per tonne of main product",
     "MWh/t", TDM_OBJF_ELECTRICITY, false, false, true, false, 3.6e6},
    {TDM_OBJ_MAX_PRODUCT, "max_product", "main product rate", "t/day",
     TDM_OBJF_PRODUCT, false, true, false, false, 1 / 86.4},
    {TDM_OBJ_MIN_COST, "min_cost", "levelized cost of the main product", "$/t",
     TDM_OBJF_COST, false, false, true, true, 1},
};
/* clang-format on */

enum { N = sizeof table / sizeof table[0] };

const tdm_objective_info *
tdm_objective_get(enum tdm_objective o)
{
    for (int i = 0; i < N; i++)
        if (table[i].id == o) return &table[i];
    return &table[0];
}

const tdm_objective_info *
tdm_objective_find(const char *key)
{
    for (int i = 0; i < N; i++)
        if (!strcmp(table[i].key, key)) return &table[i];
    return NULL;
}

const tdm_objective_info *
tdm_objective_at(int i)
{
    return i >= 0 && i < N ? &table[i] : NULL;
}

const char *
tdm_objective_name(enum tdm_objective o)
{
    return tdm_objective_get(o)->name;
}
