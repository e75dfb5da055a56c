#include "tandem/species.h"

#include <string.h>

#include "text.h"

/* Atomic weights, IUPAC (conventional values): C 12.011, H 1.008, O 15.999, N 14.007. */
#define MM(c, h, o, n) (((c)*12.011 + (h)*1.008 + (o)*15.999 + (n)*14.007) * 1e-3)
#define SP(c, h, o, n) .el = {c, h, o, n}, .molar_mass = MM(c, h, o, n)
#define KJ 1e3

#define CRC                                                                                        \
    "CRC Handbook of Chemistry and Physics, Standard Thermodynamic Properties of "                 \
    "Chemical Substances; Tb: CRC Physical Constants of Compounds"
#define CRC_ION "CRC Handbook of Chemistry and Physics, Thermodynamic Properties of Aqueous Ions"

static const tdm_species table[] = {
    {.name = "CO2",
     .common = "carbon dioxide",
     SP(1, 0, 2, 0),
     .hf = -393.5 * KJ,
     .gf = -394.4 * KJ,
     .phase = TDM_GAS,
     .tb = 194.7,
     .source = CRC " (Tb: sublimation)"},
    {.name = "CO",
     .common = "carbon monoxide",
     SP(1, 0, 1, 0),
     .hf = -110.5 * KJ,
     .gf = -137.2 * KJ,
     .phase = TDM_GAS,
     .tb = 81.6,
     .source = CRC},
    {.name = "H2",
     .common = "hydrogen",
     SP(0, 2, 0, 0),
     .hf = 0,
     .gf = 0,
     .phase = TDM_GAS,
     .tb = 20.3,
     .source = "element in its standard state; Tb: CRC"},
    {.name = "O2",
     .common = "oxygen",
     SP(0, 0, 2, 0),
     .hf = 0,
     .gf = 0,
     .phase = TDM_GAS,
     .tb = 90.2,
     .source = "element in its standard state; Tb: CRC"},
    {.name = "N2",
     .common = "nitrogen",
     SP(0, 0, 0, 2),
     .hf = 0,
     .gf = 0,
     .phase = TDM_GAS,
     .tb = 77.4,
     .source = "element in its standard state; Tb: CRC"},
    {.name = "H2O",
     .common = "water",
     SP(0, 2, 1, 0),
     .hf = -285.8 * KJ,
     .gf = -237.1 * KJ,
     .phase = TDM_LIQUID,
     .tb = 373.1,
     .source = CRC " (liquid)"},
    {.name = "CH4",
     .common = "methane",
     SP(1, 4, 0, 0),
     .hf = -74.6 * KJ,
     .gf = -50.5 * KJ,
     .phase = TDM_GAS,
     .tb = 111.6,
     .source = CRC},
    {.name = "C2H4",
     .common = "ethylene",
     SP(2, 4, 0, 0),
     .hf = 52.4 * KJ,
     .gf = 68.4 * KJ,
     .phase = TDM_GAS,
     .tb = 169.4,
     .source = CRC},
    {.name = "HCOOH",
     .common = "formic acid",
     SP(1, 2, 2, 0),
     .hf = -425.0 * KJ,
     .gf = -361.4 * KJ,
     .phase = TDM_LIQUID,
     .tb = 374.0,
     .source = CRC " (liquid)"},
    {.name = "CH3OH",
     .common = "methanol",
     SP(1, 4, 1, 0),
     .hf = -239.2 * KJ,
     .gf = -166.6 * KJ,
     .phase = TDM_LIQUID,
     .tb = 337.7,
     .source = CRC " (liquid)"},
    {.name = "C2H5OH",
     .common = "ethanol",
     SP(2, 6, 1, 0),
     .hf = -277.6 * KJ,
     .gf = -174.8 * KJ,
     .phase = TDM_LIQUID,
     .tb = 351.4,
     .source = CRC " (liquid)"},
    {.name = "CH3COOH",
     .common = "acetic acid",
     SP(2, 4, 2, 0),
     .hf = -484.3 * KJ,
     .gf = -389.9 * KJ,
     .phase = TDM_LIQUID,
     .tb = 391.0,
     .source = CRC " (liquid)"},
    /* dGf not in the CRC table: dGf = dHf - T (S - sum S(elements)) with S = 193.6,
     * S(C, graphite) 5.74, S(H2) 130.68, S(O2) 205.15 J/(mol K): -168.7 kJ/mol. */
    {.name = "C3H7OH",
     .common = "n-propanol",
     SP(3, 8, 1, 0),
     .hf = -302.6 * KJ,
     .gf = -168.7 * KJ,
     .phase = TDM_LIQUID,
     .tb = 370.3,
     .source = CRC " (liquid); dGf derived from dHf and S"},
    {.name = "NH3",
     .common = "ammonia",
     SP(0, 3, 0, 1),
     .hf = -45.9 * KJ,
     .gf = -16.4 * KJ,
     .phase = TDM_GAS,
     .tb = 239.8,
     .source = CRC},
    /* dGf derived as for propanol with S(urea) = 104.6 and S(N2) 191.61 J/(mol K):
     * -333.1 + 298.15 * 0.45668 = -196.9 kJ/mol. */
    {.name = "CH4N2O",
     .common = "urea",
     SP(1, 4, 1, 2),
     .hf = -333.1 * KJ,
     .gf = -196.9 * KJ,
     .phase = TDM_SOLID,
     .tb = 0,
     .source = CRC " (solid); dGf derived from dHf and S"},
    {.name = "NO3-",
     .common = "nitrate",
     SP(0, 0, 3, 1),
     .charge = -1,
     .hf = -207.4 * KJ,
     .gf = -111.3 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "NH4+",
     .common = "ammonium",
     SP(0, 4, 0, 1),
     .charge = 1,
     .hf = -132.5 * KJ,
     .gf = -79.3 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "OH-",
     .common = "hydroxide",
     SP(0, 1, 1, 0),
     .charge = -1,
     .hf = -230.0 * KJ,
     .gf = -157.2 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "HCOO-",
     .common = "formate",
     SP(1, 1, 2, 0),
     .charge = -1,
     .hf = -425.6 * KJ,
     .gf = -351.0 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "CH3COO-",
     .common = "acetate",
     SP(2, 3, 2, 0),
     .charge = -1,
     .hf = -486.0 * KJ,
     .gf = -369.3 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "HCO3-",
     .common = "bicarbonate",
     SP(1, 1, 3, 0),
     .charge = -1,
     .hf = -692.0 * KJ,
     .gf = -586.8 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
    {.name = "CO3--",
     .common = "carbonate",
     SP(1, 0, 3, 0),
     .charge = -2,
     .hf = -677.1 * KJ,
     .gf = -527.8 * KJ,
     .phase = TDM_AQUEOUS,
     .source = CRC_ION},
};

enum { NSPECIES = sizeof table / sizeof *table };

int
tdm_species_count(void)
{
    return NSPECIES;
}

const tdm_species *
tdm_species_get(int id)
{
    return id >= 0 && id < NSPECIES ? &table[id] : NULL;
}

int
tdm_species_find(const char *name)
{
    for (int i = 0; i < NSPECIES; i++)
        if (strcmp(table[i].name, name) == 0 || strcmp(table[i].common, name) == 0) return i;
    return -1;
}

int
tdm_species_electrons(const tdm_species *s)
{
    return 4 * s->el[TDM_EL_C] + s->el[TDM_EL_H] - 2 * s->el[TDM_EL_O] - s->charge;
}

const char *
tdm_phase_name(enum tdm_phase p)
{
    switch (p) {
    case TDM_GAS:
        return "gas";
    case TDM_LIQUID:
        return "liquid";
    case TDM_SOLID:
        return "solid";
    case TDM_AQUEOUS:
        return "aqueous";
    }
    return "?";
}

const char *
tdm_element_symbol(int el)
{
    static const char *sym[TDM_NEL] = {"C", "H", "O", "N"};
    return el >= 0 && el < TDM_NEL ? sym[el] : "?";
}

const char *
tdm_species_suggest(const char *name)
{
    const char *names[2 * NSPECIES];
    for (int i = 0; i < NSPECIES; i++) {
        names[2 * i] = table[i].name;
        names[2 * i + 1] = table[i].common;
    }
    return tdm_text_nearest(name, names, 2 * NSPECIES);
}
