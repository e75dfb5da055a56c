/* The objectives of `tandem optimize`, one row each of tandem/objectives.def: a new
 * objective is a row there (its figure and sign, its display) and nothing else. */
#include <stddef.h>
#include <string.h>

#include "tandem/optimize.h"

static const tdm_objective_info table[] = {
#define TDM_OBJECTIVE(id, ...) {TDM_OBJ_##id, __VA_ARGS__},
#include "tandem/objectives.def"
#undef TDM_OBJECTIVE
};

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
