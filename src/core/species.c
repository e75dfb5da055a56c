#include "tandem/species.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/constants.h"
#include "text.h"

/* Atomic weights, IUPAC (conventional values): C 12.011, H 1.008, O 15.999, N 14.007,
 * B 10.81. */
static const double atomic_weight[TDM_NEL] = {12.011, 1.008, 15.999, 14.007, 10.81};

#define MM(c, h, o, n) (((c)*12.011 + (h)*1.008 + (o)*15.999 + (n)*14.007) * 1e-3)
#define SP(c, h, o, n) .el = {c, h, o, n, 0}, .molar_mass = MM(c, h, o, n)
#define KJ 1e3

#define CRC                                                                                        \
    "CRC Handbook of Chemistry and Physics, Standard Thermodynamic Properties of Chemical "        \
    "Substances (dHf, dGf, Cp of the condensed phase); Tb: CRC Physical Constants; gas cp: "       \
    "NASA polynomials (McBride, Gordon, Reno, NASA TM-4513, 1993)"
#define CRC_ION                                                                                    \
    "CRC Handbook of Chemistry and Physics, Thermodynamic Properties of Aqueous Ions; partial "    \
    "molar heat capacity neglected"

/* NASA 7-coefficient polynomials (200-1000 K, 1000-6000 K) as distributed with Cantera
 * (data/nasa_gas.yaml), from McBride, Gordon and Reno, NASA TM-4513 (1993). */
static const double nasa_CO2[14] = {
    2.35677352,      8.98459677e-03,  -7.12356269e-06, 2.45919022e-09, -1.43699548e-13,
    -4.83719697e+04, 9.90105222,      4.63659493,      2.74131991e-03, -9.95828531e-07,
    1.60373011e-10,  -9.16103468e-15, -4.90249341e+04, -1.93534855};
static const double nasa_CO[14] = {
    3.57953347,     -6.1035368e-04,  1.01681433e-06,  9.07005884e-10, -9.04424499e-13,
    -1.4344086e+04, 3.50840928,      3.04848583,      1.35172818e-03, -4.85794075e-07,
    7.88536486e-11, -4.69807489e-15, -1.42661171e+04, 6.0170979};
static const double nasa_H2[14] = {
    2.34433112,     7.98052075e-03,  -1.9478151e-05, 2.01572094e-08, -7.37611761e-12,
    -917.935173,    0.683010238,     2.93286579,     8.26607967e-04, -1.46402335e-07,
    1.54100359e-11, -6.88804432e-16, -813.065597,    -1.02432887};
static const double nasa_O2[14] = {3.78245636,     -2.99673415e-03, 9.847302e-06,   -9.68129508e-09,
                                   3.24372836e-12, -1063.94356,     3.65767573,     3.66096083,
                                   6.56365523e-04, -1.41149485e-07, 2.05797658e-11, -1.29913248e-15,
                                   -1215.97725,    3.41536184};
static const double nasa_N2[14] = {
    3.53100528,     -1.23660987e-04, -5.02999437e-07, 2.43530612e-09, -1.40881235e-12,
    -1046.97628,    2.96747468,      2.95257626,      1.39690057e-03, -4.92631691e-07,
    7.86010367e-11, -4.60755321e-15, -923.948645,     5.87189252};
static const double nasa_H2O[14] = {
    4.19864056,      -2.0364341e-03,  6.52040211e-06,  -5.48797062e-09, 1.77197817e-12,
    -3.02937267e+04, -0.849032208,    2.67703787,      2.97318329e-03,  -7.7376969e-07,
    9.44336689e-11,  -4.26900959e-15, -2.98858938e+04, 6.88255571};
static const double nasa_CH4[14] = {
    5.14987613,      -0.0136709788,   4.91800599e-05,  -4.84743026e-08, 1.66693956e-11,
    -1.02466476e+04, -4.64130376,     1.63552643,      0.0100842795,    -3.36916254e-06,
    5.34958667e-10,  -3.15518833e-14, -1.00056455e+04, 9.99313326};
static const double nasa_C2H4[14] = {
    3.95920148,     -7.57052247e-03, 5.70990292e-05, -6.91588753e-08, 2.69884373e-11,
    5089.77593,     4.09733096,      3.99182761,     0.010483391,     -3.71721385e-06,
    5.94628514e-10, -3.53630526e-14, 4268.65819,     -0.269052151};
static const double nasa_C2H6[14] = {
    4.29142492,      -5.5015427e-03,  5.99438288e-05,  -7.08466285e-08, 2.68685771e-11,
    -1.15222055e+04, 2.66682316,      4.04666674,      0.0153538766,    -5.47039321e-06,
    8.77826228e-10,  -5.23167305e-14, -1.24473512e+04, -0.968683607};
static const double nasa_C3H6[14] = {
    3.83464524,     3.29078405e-03,  5.05228184e-05, -6.66251418e-08, 2.63707585e-11,
    753.838295,     7.53410995,      6.03870499,     0.0162963895,    -5.82130624e-06,
    9.35936483e-10, -5.58602903e-14, -776.595092,    -8.43824322};
static const double nasa_HCHO[14] = {
    4.79372315,      -9.90833369e-03, 3.73220008e-05,  -3.79285261e-08, 1.31772652e-11,
    -1.43089567e+04, 0.6028129,       3.16952654,      6.19320583e-03,  -2.25056377e-06,
    3.6597568e-10,   -2.2014947e-14,  -1.44784444e+04, 6.04209449};
static const double nasa_HCOOH[14] = {
    3.23262453,      2.81129582e-03,  2.44034975e-05,  -3.17501066e-08, 1.2063166e-11,
    -4.67785606e+04, 9.86205647,      5.69579404,      7.72237361e-03,  -3.18037808e-06,
    5.57949466e-10,  -3.52618226e-14, -4.81599723e+04, -6.0168008};
static const double nasa_CH3OH[14] = {
    5.71539582,      -0.0152309129,  6.52441155e-05, -7.10806889e-08, 2.61352698e-11,
    -2.56427656e+04, -1.50409823,    3.60134486,     0.0102430954,    -3.59985517e-06,
    5.72505986e-10,  -3.3911764e-14, -2.5997191e+04, 4.70512253};
static const double nasa_C2H5OH[14] = {
    4.85868178,      -3.7400674e-03,  6.95550267e-05,  -8.86541147e-08, 3.5168443e-11,
    -2.99961309e+04, 4.80192294,      6.5628977,       0.0152034264,    -5.38922247e-06,
    8.62150224e-10,  -5.12824683e-14, -3.15257984e+04, -9.47557644};
static const double nasa_CH3COOH[14] = {
    2.78936844,      0.0100001016,    3.42557978e-05,  -5.09017919e-08, 2.06217504e-11,
    -5.34752292e+04, 14.1059504,      7.67083678,      0.0135152695,    -5.25874688e-06,
    8.93185062e-10,  -5.53180891e-14, -5.57560971e+04, -15.467659};
static const double nasa_C3H7OH[14] = {
    5.2779942,       8.08660546e-04,  8.21548179e-05,  -1.08488185e-07, 4.34886897e-11,
    -3.28348774e+04, 5.70526835,      8.71010929,      0.0208051473,    -7.38480898e-06,
    1.18188977e-09,  -7.03597783e-14, -3.51244024e+04, -18.8965453};
static const double nasa_NH3[14] = {
    4.30177808,    -4.7712733e-03,  2.19341619e-05, -2.29856489e-08, 8.28992268e-12,
    -6748.06394,   -0.690644393,    2.71709692,     5.56856338e-03,  -1.76886396e-06,
    2.6741726e-10, -1.52731419e-14, -6584.51989,    6.09289837};
static const double nasa_CH3CHO[14] = {
    4.72947627,      -3.19343161e-03, 4.75353505e-05,  -5.74590474e-08, 2.19312619e-11,
    -2.15728799e+04, 4.10295455,      5.40417899,      0.0117229675,    -4.2262683e-06,
    6.83715733e-10,  -4.09842676e-14, -2.25931508e+04, -3.48117593};
static const double nasa_C6H6[14] = {0.503469664,    0.0185142363,  7.37864409e-05, -1.18106127e-07,
                                     5.07182527e-11, 8552.66293,    21.6481796,     11.0771708,
                                     0.0207067895,   -7.516251e-06, 1.22209416e-09, -7.35312513e-14,
                                     4309.88395,     -40.011695};

#define GAS(nasa_) .phase = TDM_GAS, .hf_alt = NAN, .nasa = nasa_
#define LIQ(nasa_, cp_) .phase = TDM_LIQUID, .hf_alt = NAN, .nasa = nasa_, .cp_cond = cp_
#define ION .phase = TDM_AQUEOUS, .hf_alt = NAN, .source = CRC_ION

static const tdm_species table[] = {
    {.name = "CO2",
     .common = "carbon dioxide",
     SP(1, 0, 2, 0),
     .hf = -393.5 * KJ,
     .gf = -394.4 * KJ,
     GAS(nasa_CO2),
     .tb = 194.7,
     .source = CRC " (Tb: sublimation)"},
    {.name = "CO",
     .common = "carbon monoxide",
     SP(1, 0, 1, 0),
     .hf = -110.5 * KJ,
     .gf = -137.2 * KJ,
     GAS(nasa_CO),
     .tb = 81.6,
     .source = CRC},
    {.name = "H2",
     .common = "hydrogen",
     SP(0, 2, 0, 0),
     .hf = 0,
     .gf = 0,
     GAS(nasa_H2),
     .tb = 20.3,
     .source = "element in its standard state; " CRC},
    {.name = "O2",
     .common = "oxygen",
     SP(0, 0, 2, 0),
     .hf = 0,
     .gf = 0,
     GAS(nasa_O2),
     .tb = 90.2,
     .source = "element in its standard state; " CRC},
    {.name = "N2",
     .common = "nitrogen",
     SP(0, 0, 0, 2),
     .hf = 0,
     .gf = 0,
     GAS(nasa_N2),
     .tb = 77.4,
     .source = "element in its standard state; " CRC},
    {.name = "H2O",
     .common = "water",
     SP(0, 2, 1, 0),
     .hf = -285.8 * KJ,
     .gf = -237.1 * KJ,
     LIQ(nasa_H2O, 75.3),
     .tb = 373.1,
     .source = CRC " (liquid reference)"},
    {.name = "CH4",
     .common = "methane",
     SP(1, 4, 0, 0),
     .hf = -74.6 * KJ,
     .gf = -50.5 * KJ,
     GAS(nasa_CH4),
     .tb = 111.6,
     .source = CRC},
    {.name = "C2H4",
     .common = "ethylene",
     SP(2, 4, 0, 0),
     .hf = 52.4 * KJ,
     .gf = 68.4 * KJ,
     GAS(nasa_C2H4),
     .tb = 169.4,
     .source = CRC},
    {.name = "C2H6",
     .common = "ethane",
     SP(2, 6, 0, 0),
     .hf = -84.0 * KJ,
     .gf = -32.0 * KJ,
     GAS(nasa_C2H6),
     .tb = 184.6,
     .source = CRC},
    {.name = "C3H6",
     .common = "propylene",
     SP(3, 6, 0, 0),
     .hf = 20.0 * KJ,
     .gf = 62.8 * KJ,
     GAS(nasa_C3H6),
     .tb = 225.5,
     .source = CRC},
    {.name = "CH2O",
     .common = "formaldehyde",
     SP(1, 2, 1, 0),
     .hf = -108.6 * KJ,
     .gf = -102.5 * KJ,
     GAS(nasa_HCHO),
     .tb = 254.0,
     .source = CRC},
    /* A gas at 25 C (Tb 20.1 C): CRC gas values; liquid dHf -192.2 kJ/mol, Cp 89.0. */
    {.name = "CH3CHO",
     .common = "acetaldehyde",
     SP(2, 4, 1, 0),
     .hf = -166.2 * KJ,
     .gf = -133.0 * KJ,
     .phase = TDM_GAS,
     .hf_alt = -192.2 * KJ,
     .nasa = nasa_CH3CHO,
     .cp_cond = 89.0,
     .tb = 293.3,
     .source = CRC " (gas reference; liquid dHf for condensation)"},
    {.name = "HCOOH",
     .common = "formic acid",
     SP(1, 2, 2, 0),
     .hf = -425.0 * KJ,
     .gf = -361.4 * KJ,
     LIQ(nasa_HCOOH, 99.0),
     .tb = 374.0,
     .source = CRC " (liquid reference)"},
    {.name = "CH3OH",
     .common = "methanol",
     SP(1, 4, 1, 0),
     .hf = -239.2 * KJ,
     .gf = -166.6 * KJ,
     LIQ(nasa_CH3OH, 81.1),
     .tb = 337.7,
     .source = CRC " (liquid reference)"},
    {.name = "C2H5OH",
     .common = "ethanol",
     SP(2, 6, 1, 0),
     .hf = -277.6 * KJ,
     .gf = -174.8 * KJ,
     LIQ(nasa_C2H5OH, 112.3),
     .tb = 351.4,
     .source = CRC " (liquid reference)"},
    {.name = "CH3COOH",
     .common = "acetic acid",
     SP(2, 4, 2, 0),
     .hf = -484.3 * KJ,
     .gf = -389.9 * KJ,
     LIQ(nasa_CH3COOH, 123.3),
     .tb = 391.0,
     .source = CRC " (liquid reference)"},
    /* dGf not in the CRC table: dGf = dHf - T (S - sum S(elements)) with S = 193.6,
     * S(C, graphite) 5.74, S(H2) 130.68, S(O2) 205.15 J/(mol K): -168.7 kJ/mol. */
    {.name = "C3H7OH",
     .common = "n-propanol",
     SP(3, 8, 1, 0),
     .hf = -302.6 * KJ,
     .gf = -168.7 * KJ,
     LIQ(nasa_C3H7OH, 143.9),
     .tb = 370.3,
     .source = CRC " (liquid reference); dGf derived from dHf and S"},
    /* Gas reference: dHf -188.7 kJ/mol (Wiberg, Crocker et al. 1991) and S 304.4 J/(mol K)
     * (Connett 1972), both via the NIST Chemistry WebBook; dGf = -188.7 + 298.15 x (511.84 -
     * 304.4) / 1000 = -126.9 kJ/mol; liquid dHf -218.3 kJ/mol (Wiberg 1991); gas cp 80.7
     * J/(mol K) at 298 K (Chao 1986); liquid cp 133.8 J/(mol K) at 298 K (DIPPR 801). */
    {.name = "C2H5CHO",
     .common = "propanal",
     SP(3, 6, 1, 0),
     .hf = -188.7 * KJ,
     .gf = -126.9 * KJ,
     .phase = TDM_GAS,
     .hf_alt = -218.3 * KJ,
     .cp_gas = 80.7,
     .cp_cond = 133.8,
     .tb = 321.0,
     .source = "NIST Chemistry WebBook (Wiberg 1991 dHf, Connett 1972 S, Chao 1986 cp); dGf "
               "derived; liquid cp DIPPR 801"},
    {.name = "C6H6",
     .common = "benzene",
     SP(6, 6, 0, 0),
     .hf = 49.1 * KJ,
     .gf = 124.5 * KJ,
     LIQ(nasa_C6H6, 136.0),
     .tb = 353.2,
     .source = CRC " (liquid reference)"},
    {.name = "NH3",
     .common = "ammonia",
     SP(0, 3, 0, 1),
     .hf = -45.9 * KJ,
     .gf = -16.4 * KJ,
     GAS(nasa_NH3),
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
     .hf_alt = NAN,
     .cp_cond = 93.1,
     .tb = 0,
     .source = CRC " (solid); dGf derived from dHf and S"},
    {.name = "C",
     .common = "graphite",
     SP(1, 0, 0, 0),
     .hf = 0,
     .gf = 0,
     .phase = TDM_SOLID,
     .hf_alt = NAN,
     .cp_cond = 8.5,
     .tb = 0,
     .source = "element in its standard state; cp: CRC (graphite)"},
    /* Biomass per C-mol, CH1.8O0.5N0.2 (24.6 g/C-mol). dHf from the heat of combustion of
     * 115 kJ per mol of electrons (Roels 1983) with gamma = 4.2 (N as NH3): dHc = -483 kJ;
     * dHf = -393.5 + 0.6 (-285.8) + 0.2 (-45.9) + 483 = -91.2 kJ/C-mol. dGf = -67 kJ/C-mol
     * (Heijnen, Encyclopedia of Bioprocess Technology, 1999). */
    {.name = "biomass",
     .common = "CH1.8O0.5N0.2",
     .el = {1, 1.8, 0.5, 0.2, 0},
     .molar_mass = MM(1, 1.8, 0.5, 0.2),
     .hf = -91.2 * KJ,
     .gf = -67.0 * KJ,
     .phase = TDM_SOLID,
     .hf_alt = NAN,
     .tb = 0,
     .source = "dHf from Roels (1983), 115 kJ per mol of electrons; dGf Heijnen (1999); heat "
               "capacity neglected"},
    /* Dissolved nitrate and nitrite carried as their (fully dissociated) acids, so that
     * streams stay neutral: H+ + NO3- and H+ + NO2- with the CRC aqueous-ion values
     * (H+ is zero by convention): NO2- dHf -104.6, dGf -32.2 kJ/mol. */
    {.name = "HNO3",
     .common = "nitrate (aq)",
     SP(0, 1, 3, 1),
     .hf = -207.4 * KJ,
     .gf = -111.3 * KJ,
     .phase = TDM_AQUEOUS,
     .hf_alt = NAN,
     .source = CRC_ION " (H+ + NO3-)"},
    {.name = "HNO2",
     .common = "nitrite (aq)",
     SP(0, 1, 2, 1),
     .hf = -104.6 * KJ,
     .gf = -32.2 * KJ,
     .phase = TDM_AQUEOUS,
     .hf_alt = NAN,
     .source = CRC_ION " (H+ + NO2-)"},
    {.name = "NO3-",
     .common = "nitrate",
     SP(0, 0, 3, 1),
     .charge = -1,
     .hf = -207.4 * KJ,
     .gf = -111.3 * KJ,
     ION},
    {.name = "NH4+",
     .common = "ammonium",
     SP(0, 4, 0, 1),
     .charge = 1,
     .hf = -132.5 * KJ,
     .gf = -79.3 * KJ,
     ION},
    {.name = "OH-",
     .common = "hydroxide",
     SP(0, 1, 1, 0),
     .charge = -1,
     .hf = -230.0 * KJ,
     .gf = -157.2 * KJ,
     ION},
    {.name = "HCOO-",
     .common = "formate",
     SP(1, 1, 2, 0),
     .charge = -1,
     .hf = -425.6 * KJ,
     .gf = -351.0 * KJ,
     ION},
    {.name = "CH3COO-",
     .common = "acetate",
     SP(2, 3, 2, 0),
     .charge = -1,
     .hf = -486.0 * KJ,
     .gf = -369.3 * KJ,
     ION},
    {.name = "HCO3-",
     .common = "bicarbonate",
     SP(1, 1, 3, 0),
     .charge = -1,
     .hf = -692.0 * KJ,
     .gf = -586.8 * KJ,
     ION},
    {.name = "CO3--",
     .common = "carbonate",
     SP(1, 0, 3, 0),
     .charge = -2,
     .hf = -677.1 * KJ,
     .gf = -527.8 * KJ,
     ION},
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
    /* by name or common name; the first letters are compared first, as few share them */
    for (int i = 0; i < NSPECIES; i++)
        if ((table[i].name[0] == name[0] && !strcmp(table[i].name, name)) ||
            (table[i].common[0] == name[0] && !strcmp(table[i].common, name)))
            return i;
    return -1;
}

double
tdm_species_electrons(const tdm_species *s)
{
    return 4 * s->el[TDM_EL_C] + s->el[TDM_EL_H] - 2 * s->el[TDM_EL_O] + 3 * s->el[TDM_EL_B] -
           s->charge;
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
    static const char *const sym[TDM_NEL] = {"C", "H", "O", "N", "B"};
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

double
tdm_molar_mass(const double *el)
{
    double m = 0;
    for (int e = 0; e < TDM_NEL; e++)
        m += el[e] * atomic_weight[e];
    return m * 1e-3;
}

int
tdm_formula_parse(const char *f, double *el)
{
    for (int e = 0; e < TDM_NEL; e++)
        el[e] = 0;
    if (!*f) return -1;
    while (*f) {
        int e = -1;
        if (f[0] == 'C')
            e = TDM_EL_C;
        else if (f[0] == 'H')
            e = TDM_EL_H;
        else if (f[0] == 'O')
            e = TDM_EL_O;
        else if (f[0] == 'N')
            e = TDM_EL_N;
        else if (f[0] == 'B')
            e = TDM_EL_B;
        if (e < 0 || islower((unsigned char)f[1])) return -1; /* Co, Ca, Na ... */
        f++;
        double n = 1;
        if (isdigit((unsigned char)*f) || *f == '.') {
            char *end;
            n = strtod(f, &end);
            if (end == f || !(n > 0) || n > 1000) return -1;
            f = end;
        }
        el[e] += n;
    }
    return 0;
}

/* ---- thermodynamics -------------------------------------------------------------------- */

/* Standard entropies of the elements in their reference states, J/(mol K) per atom (CRC):
 * C graphite 5.74, H 130.68/2, O 205.152/2, N 191.61/2, B (beta) 5.90. */
static const double element_s[TDM_NEL] = {5.74, 65.34, 102.576, 95.805, 5.90};

static const double *
coeffs(const tdm_species *s, double T)
{
    return T < 1000.0 ? s->nasa : s->nasa + 7;
}

static double
nasa_h(const double *a, double T) /* J/mol */
{
    return TDM_GAS_CONSTANT * (a[0] * T + a[1] * T * T / 2 + a[2] * T * T * T / 3 +
                               a[3] * T * T * T * T / 4 + a[4] * T * T * T * T * T / 5 + a[5]);
}

static double
nasa_s(const double *a, double T) /* J/(mol K) */
{
    return TDM_GAS_CONSTANT * (a[0] * log(T) + a[1] * T + a[2] * T * T / 2 + a[3] * T * T * T / 3 +
                               a[4] * T * T * T * T / 4 + a[6]);
}

static double
nasa_cp(const double *a, double T)
{
    return TDM_GAS_CONSTANT *
           (a[0] + a[1] * T + a[2] * T * T + a[3] * T * T * T + a[4] * T * T * T * T);
}

double
tdm_species_gas_dh(const tdm_species *s, double T1, double T2)
{
    if (!s->nasa) return s->cp_gas * (T2 - T1);
    return nasa_h(coeffs(s, T2), T2) - nasa_h(coeffs(s, T1), T1);
}

double
tdm_species_gas_ds(const tdm_species *s, double T1, double T2)
{
    if (!s->nasa) return s->cp_gas * log(T2 / T1);
    return nasa_s(coeffs(s, T2), T2) - nasa_s(coeffs(s, T1), T1);
}

/* hf of the ideal gas at 298.15 K: the reference value, or for a condensed-reference
 * species its hf_alt, or the NASA polynomial's own (formation-referenced) value. */
static double
gas_hf(const tdm_species *s)
{
    if (s->phase == TDM_GAS) return s->hf;
    if (isfinite(s->hf_alt)) return s->hf_alt;
    if (s->nasa) return nasa_h(s->nasa, TDM_T_STANDARD);
    return NAN;
}

static double
cond_hf(const tdm_species *s)
{
    return s->phase == TDM_GAS ? s->hf_alt : s->hf;
}

bool
tdm_species_vapour(const tdm_species *s, double T)
{
    if (s->phase == TDM_GAS) return !(isfinite(s->hf_alt) && s->tb > 0 && T < s->tb);
    if (s->phase == TDM_LIQUID) return isfinite(gas_hf(s)) && s->tb > 0 && T > s->tb;
    return false;
}

double
tdm_species_hvap(const tdm_species *s, double T)
{
    double g = gas_hf(s), c = cond_hf(s);
    if (!isfinite(g) || !isfinite(c) || !(s->tb > 0)) return NAN;
    return g + tdm_species_gas_dh(s, TDM_T_STANDARD, T) - c - s->cp_cond * (T - TDM_T_STANDARD);
}

/* Absolute entropy in the reference phase at 298.15 K, from dSf = (dHf - dGf) / T0. */
static double
s_ref(const tdm_species *s)
{
    double S = (s->hf - s->gf) / TDM_T_STANDARD;
    for (int e = 0; e < TDM_NEL; e++)
        S += s->el[e] * element_s[e];
    return S;
}

double
tdm_species_h(const tdm_species *s, double T)
{
    if (tdm_species_vapour(s, T)) return gas_hf(s) + tdm_species_gas_dh(s, TDM_T_STANDARD, T);
    return cond_hf(s) + s->cp_cond * (T - TDM_T_STANDARD);
}

double
tdm_species_s(const tdm_species *s, double T)
{
    bool vap = tdm_species_vapour(s, T);
    if (s->phase == TDM_GAS && vap) return s_ref(s) + tdm_species_gas_ds(s, TDM_T_STANDARD, T);
    if (s->phase != TDM_GAS && !vap) return s_ref(s) + s->cp_cond * log(T / TDM_T_STANDARD);
    /* The other phase: the NASA polynomial's absolute entropy for a vapour, else the
     * reference entropy shifted by the phase change at the boiling point (Trouton-like). */
    if (vap) {
        if (s->nasa) return nasa_s(coeffs(s, T), T);
        return s_ref(s) + (gas_hf(s) - s->hf) / s->tb + s->cp_gas * log(T / TDM_T_STANDARD);
    }
    return s_ref(s) - (s->hf - cond_hf(s)) / s->tb + s->cp_cond * log(T / TDM_T_STANDARD);
}

double
tdm_species_g(const tdm_species *s, double T)
{
    return tdm_species_h(s, T) - T * tdm_species_s(s, T);
}

double
tdm_species_cp(const tdm_species *s, double T)
{
    if (tdm_species_vapour(s, T)) return s->nasa ? nasa_cp(coeffs(s, T), T) : s->cp_gas;
    return s->cp_cond;
}

double
tdm_species_lhv(const tdm_species *s)
{
    if (s->charge != 0 || s->el[TDM_EL_B] != 0) return 0;
    /* water vapour's enthalpy of formation, -241.8 kJ/mol (CRC Handbook; the shared
     * reference's thermo.md): the table keeps water as a liquid */
    const double h2o_gas = -241.8e3;
    const tdm_species *co2 = tdm_species_get(TDM_SPECIES_CO2);
    double q = s->hf - s->el[TDM_EL_C] * co2->hf - 0.5 * s->el[TDM_EL_H] * h2o_gas;
    return q > 0 ? q : 0;
}
