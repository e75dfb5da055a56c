/* Tables 1-3 of the seed review (Li et al., Chem. Sci. 2026, 17, 772), row by row.
 * Products reported as "C2+" are modelled as C2H4 (the whole C2+ Faradaic efficiency counted
 * as ethylene); nitrate is carried as HNO3 (aq) and urea is CH4N2O. */
#include "tandem/catalysts.h"

#include <math.h>
#include <string.h>

#define NH3(id, name, tab, ref, mech, el, pot, e, fe)                                              \
    {                                                                                              \
        id, name, tab, ref, mech, el, pot, e, fe, "NH3", "NH3", "HNO3", NULL                       \
    }
#define C2P(id, name, tab, ref, mech, el, pot, e, fe)                                              \
    {                                                                                              \
        id, name, tab, ref, mech, el, pot, e, fe, "C2+", "C2H4", "CO2", NULL                       \
    }
#define UREA(id, name, tab, ref, mech, el, pot, e, fe)                                             \
    {                                                                                              \
        id, name, tab, ref, mech, el, pot, e, fe, "urea", "CH4N2O", "CO2", "HNO3"                  \
    }

/* clang-format off */
static const tdm_catalyst table[] = {
    /* Table 1: multiple active site catalysts */
    NH3("cu2o-copo", "Cu2O-CoPO-2", 1, 88, "Cu2O: NO3- -> NO2-; CoPO: H2O -> *H",
        "0.1 M NO3- + 1.0 M KOH", "-0.37 V vs. RHE", -0.37, 0.95),
    NH3("ru-ni", "Ru-Ni nanosheets", 1, 89, "Ru: NO3- -> *HONO; Ni: *HONO + *H -> NH3",
        "0.1 M K2SO4 + 0.002 M KNO3", "-0.8 V vs. RHE", -0.8, 0.96),
    NH3("tta-tph-cuco", "TTA-TPH-CuCo", 1, 98, "Cu: NO3- -> NO2-; Co: NO2- -> NH3",
        "0.5 M K2SO4 + 0.3 M KNO3", "-0.75 V vs. RHE", -0.75, 0.92),
    NH3("ag30pd4", "Ag30Pd4 nanocluster", 1, 93, "Ag: NO3- -> NO2-; Pd: NO2- -> NH3",
        "1.0 M NaOH + 1500 ppm NO3--N", "-0.6 V vs. RHE", -0.6, 0.90),
    NH3("ni1cu-saao", "Ni1Cu single-atom alloy oxide nanowires", 1, 94,
        "Ni: H2O -> *H; Cu: *NOx + *H -> NH3", "1.0 M KOH + 0.1 M KNO3", "+0.1 V vs. RHE", 0.1,
        0.80),
    NH3("mo1fe1pd", "Mo1Fe1Pd dual single-atom alloy", 1, 99, "Mo: NO3- -> NO2-; Fe: NO2- -> NH3",
        "1.0 M KNO3 + 1.0 M KOH", "-0.7 V vs. RHE", -0.7, 0.94),
    C2P("agcu-saa-np", "AgCu single-atom and nanoparticle", 1, 96,
        "Ag NP: CO2 -> CO; AgCu SAA: C-C coupling", "1.0 M KOH", "-0.65 V vs. RHE", -0.65, 0.94),
    C2P("cocu-saa", "0.2% CoCu single-atom alloy", 1, 100, "Co: CO2 -> CO; Cu: C-C coupling",
        "1.0 M KHCO3", "-1.01 V vs. RHE", -1.01, 0.51),
    {"cu3n-ag", "Cu3N-Ag nanocubes", 1, 97, "Ag: CO2 -> CO; Cu: CO -> *CHO -> C2H4", "1.0 M KOH",
     "-0.7 V vs. RHE", -0.7, 0.50, "C2H4", "C2H4", "CO2", NULL},
    C2P("cuo-ni-sa", "CuO/Ni single atoms", 1, 101, "Ni: CO2 -> CO; Cu: CO -> C2+", "1.0 M KOH",
        "-0.892 V vs. RHE", -0.892, 0.81),
    {"cocu", "CoCu composite", 1, 102, "Co: CO2 -> CO; Cu: CO -> C2H5OH", "0.1 M KHCO3",
     "-0.8 V vs. RHE", -0.8, 0.71, "C2H5OH", "C2H5OH", "CO2", NULL},
    C2P("mo1cu-saa", "Mo1Cu single-atom alloy", 1, 103,
        "Mo: H2O -> *H; Cu0: CO2 -> CO; Cu(d+): C-C coupling", "1.0 M KOH", "-1.7 V vs. RHE",
        -1.7, 0.86),
    UREA("zn-cu", "Zn/Cu hybrid catalyst", 1, 1,
         "Zn: stabilize CO2NO3; Cu: lower the protonation barrier of COOHNH2",
         "0.1 M KHCO3 + 500 ppm NO3--N", "-0.6 V vs. RHE", -0.6, 0.75),
    UREA("zn1-in2o3", "Zn1/In2O3-x", 1, 83, "In-OV: CO2 -> *CO; Zn1-OV: NO3- -> *NH2",
         "0.1 M KHCO3 + 0.1 M KNO3", "-0.7 V vs. RHE", -0.7, 0.56),
    UREA("fe1-mos2", "Fe1/MoS2", 1, 104,
         "Fe1-S3: *CO2NO2 -> *CO2NH2; MoS2: *CO2NH2 -> *COOHNH2", "0.1 M KHCO3 + 0.1 M KNO3",
         "-0.5 V vs. RHE", -0.5, 0.55),
    UREA("mo-pcn222-co", "Mo-PCN-222(Co)", 1, 105, "Co: CO2 -> *CO; Mo: NO3- -> *NH2",
         "0.1 M KHCO3 + 50 mM KNO3", "-0.4 V vs. RHE", -0.4, 0.34),
    UREA("cupd1rh1", "CuPd1Rh1 diatomic alloy", 1, 106,
         "Pd1-Cu: *CO2NO2 -> *CO2NH; Rh1-Cu: *CO2NH2 -> *COOHNH2", "0.1 M KHCO3 + 0.1 M KNO3",
         "-0.5 V vs. RHE", -0.5, 0.72),
    UREA("cusn", "CuSn composite", 1, 107, "Cu: CO2 -> *CO; Sn: NO3- -> *NH2", "0.1 M KNO3",
         "-0.7 V vs. RHE", -0.7, 0.79),
    /* Table 2: crystal facet and heterointerface-based cascade catalysts */
    NH3("cu-nanosheets", "Cu nanosheets", 2, 111, "Cu(100): NO3- -> NO2-; Cu(111): NO2- -> NH3",
        "1.0 M KOH + 0.2 M KNO3", "-0.59 V vs. RHE", -0.59, 0.88),
    NH3("cu-ru", "Cu/Ru hollow heteronanostructure", 2, 112, "Cu: NO3- -> NO2-; Cu/Ru: NO2- -> NH3",
        "0.1 M KNO3 + 0.1 M KOH", "-0.1 V vs. RHE", -0.1, 0.97),
    NH3("au-cu-4h", "4H/fcc Au-Cu heterostructures", 2, 117,
        "4H/fcc Au: NO3- -> NO2-; 4H/fcc Cu: NO2- -> NH3", "1.0 M KOH + 1.0 M KNO3",
        "-0.6 V vs. RHE", -0.6, 0.98),
    NH3("cuo-ceo2", "CuO@CeO2-x heterostructured nanotubes", 2, 118,
        "amorphous CuO: NO3- -> NO2-; Cu-Ce: NO2- -> NH3", "0.1 M KOH + 0.01 M KNO3",
        "-0.4 V vs. RHE", -0.4, 0.96),
    NH3("co3o4-cuo", "c-Co3O4/a-CuO heterostructure", 2, 119,
        "a-CuO: NO3- -> *NO2; c-Co3O4: *NO2 -> NH3", "0.2 M K2SO4 + 0.1 M NO3-", "-0.8 V vs. RHE",
        -0.8, 0.90),
    NH3("ni-cu2se", "Ni@Cu2-xSe nanoarrays", 2, 120,
        "Cu2-xSe: NO3- -> NO2-; interface: modulating *H; Ni: H2O -> *H", "1.0 M KOH + 0.1 M KNO3",
        "-0.4 V vs. RHE", -0.4, 0.91),
    NH3("coo-cuox", "CoO-CuOx heterostructure", 2, 121,
        "CuOx: NO3- -> *NO2; interface: electron transfer; CoO: *NO2 -> NH3",
        "0.5 M Na2SO4 + 200 ppm NaNO3-N", "-0.5 V vs. RHE", -0.5, 0.92),
    NH3("ag-cu-hetero", "Ag-Cu heterostructure", 2, 116,
        "Ag: NO3- -> NO2-; interface: spillover of intermediates; Cu: NO2- -> NH3",
        "0.1 M KOH + 0.1 M KNO3", "-0.5 V vs. RHE (FE reported as >80%)", -0.5, 0.80),
    {"sno2-cu6sn5", "SnO2/Cu6Sn5/CuO nanocatalysts", 2, 122,
     "Cu6Sn5/SnO2: CO2 -> *CO2-; Cu6Sn5/CuO: H2O -> *H", "0.5 M NaHCO3", "-0.95 V vs. RHE",
     -0.95, 0.90, "formate", "HCOOH", "CO2", NULL},
    C2P("ag-cu-self", "Ag/Cu self-evolution tandem catalysts", 2, 123,
        "Ag: CO2 -> CO; interface: intermediate adsorption; Cu: CO -> C2+", "1.0 M KOH",
        "-1.8 V vs. RHE", -1.8, 0.89),
    C2P("au-cu-hetero", "Au-Cu heterostructure", 2, 124, "AuCu: CO2 -> CO; Cu: CO -> C2+",
        "0.1 M KHCO3", "-0.75 V vs. RHE", -0.75, NAN),
    C2P("au-cu-110", "Au/Cu heterostructure", 2, 125, "Au(110): CO2 -> *CO; Cu(110): CO -> C2+",
        "0.1 M KHCO3", "-0.75 V vs. RHE", -0.75, NAN),
    {"cu2o-np", "Cu2O nanoparticle", 2, 126, "(100): CO2 -> *CO, C-C coupling; (111): C2H4 overflow",
     "0.2 M KI", "-1.3 V vs. RHE", -1.3, 0.57, "C2H4", "C2H4", "CO2", NULL},
    C2P("ag-cu-janus", "Ag-Cu Janus nanostructures", 2, 127, "Ag: CO2 -> CO; Cu: CO -> C2+",
        "0.1 M KHCO3", "-1.2 V vs. RHE", -1.2, 0.72),
    C2P("ag-cu-biphasic", "Ag-Cu biphasic heterostructure", 2, 128,
        "Ag: CO2 -> CO; interface: intermediate transport; Cu: CO -> C2+", "0.1 M KHCO3",
        "-1.05 V vs. RHE", -1.05, 0.44),
    {"cu-cu2o", "Cu/Cu2O heterostructures", 2, 129,
     "Cu0: NO3- -> *NH2, C-N coupling; Cu+: *CH3CNHCOO- -> *CH3CHNH2COO-",
     "0.5 M KNO3; 0.2 M pyruvic acid", "-0.6 V vs. RHE", -0.6, 0.75, "alanine", NULL, "HNO3",
     NULL},
    C2P("ag-cu-composite", "Ag-Cu composite", 2, 130,
        "Ag: CO2 -> CO; interface: intermediate transport; Cu: CO -> C2+", "3.0 M KOH",
        "-1.0 V vs. RHE", -1.0, 0.80),
    /* Table 3: confined cascade catalytic systems */
    NH3("fen4-fe4", "FeN4/Fe4 mesoporous carbon nanorod", 3, 135,
        "Fe-N4: NO3- -> NO2-; NO2- confinement; Fe4: H2O -> *H", "0.1 M NO3- + 1.0 M KOH",
        "-0.3 V vs. RHE", -0.3, 0.92),
    NH3("cufe-cuni", "CuFe@CuNi composite", 3, 140,
        "CuFe LDH: NO3- -> NO2-; NO2- confinement; CuNi LDH: NO2- -> NH3",
        "0.1 M Na2SO4 + 50 ppm NO3--N", "-1.4 V vs. Ag/AgCl", NAN, 1.00),
    {"copc-nipc", "(CoPc-NH2 + NiPc-OCH3)/carbon nanotubes", 3, 141,
     "NiPc-OCH3: CO2 -> CO; CO confinement; NiPc-OCH3: CO -> CH3OH", "0.1 M KHCO3",
     "-0.98 V vs. RHE", -0.98, 0.50, "CH3OH", "CH3OH", "CO2", NULL},
    {"ni-sodalite", "Ni sodalite topology/NC", 3, 142,
     "NiN3: CO2 -> CO; CO confinement; Cu NPs: CO -> C2H4", "0.5 M KHCO3", "-0.72 V vs. RHE",
     -0.72, 0.62, "C2H4", "C2H4", "CO2", NULL},
    C2P("ag-cu2o", "Ag@Cu2O cascade nanoreactor", 3, 136,
        "Ag core: CO2 -> CO; CO confinement; Cu2O shell: CO -> C2+", "0.1 M KHCO3",
        "-1.6 V vs. RHE", -1.6, 0.78),
    {"copc-cnt", "CoPc/carbon nanotubes", 3, 44,
     "CoPc-out: CO2 -> CO; CO confinement; CoPc-in: CO -> CH3OH", "0.1 M KHCO3",
     "-0.96 V vs. RHE", -0.96, 0.41, "CH3OH", "CH3OH", "CO2", NULL},
    C2P("ag-cu2o-x", "Ag@Cu2O-x nanoreactors", 3, 143,
        "Ag core: CO2 -> CO; CO confinement; Cu2O shell: CO -> C2+", "1.0 M KOH",
        "-1.2 V vs. RHE", -1.2, 0.74),
    C2P("ag-cu-nanoporous", "Ag-Cu nanoporous bimetallic catalyst", 3, 144,
        "Ag: CO2 -> CO; CO confinement; Cu: CO -> C2+", "0.2 M KHCO3", "-1.2 V vs. RHE", -1.2,
        0.73),
    UREA("cu-cds-cu5fes4", "Cu-CDs/Cu5FeS4 nanoreactor", 3, 137,
         "Fe: CO2 -> CO; C and N intermediate confinement; Cu: NO3- -> *NH2", "0.1 M KNO3",
         "-0.35 V vs. RHE", -0.35, 0.42),
    UREA("cuco-nmhcs", "CuCo@N-doped microporous hollow carbon spheres", 3, 145,
         "Co: CO2 -> CO; C and N intermediate confinement; Cu: NO3- -> *NH2",
         "0.05 M KNO3 + 0.1 M KHCO3", "-0.55 V vs. RHE", -0.55, 0.32),
};
/* clang-format on */

enum { NCAT = sizeof table / sizeof *table };

int
tdm_catalyst_count(void)
{
    return NCAT;
}

const tdm_catalyst *
tdm_catalyst_get(int i)
{
    return i >= 0 && i < NCAT ? &table[i] : NULL;
}

const tdm_catalyst *
tdm_catalyst_find(const char *id)
{
    for (int i = 0; i < NCAT; i++)
        if (strcmp(table[i].id, id) == 0) return &table[i];
    return NULL;
}
