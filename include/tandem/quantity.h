/* tandem/quantity.h: numbers with units, converted to SI when they are read.
 *
 * Every value in a flowsheet carries its unit: "300 mA/cm2", "100 t/day", "800 C", "0.5",
 * "45 %". tdm_quantity_parse() reads the number and the unit expression, returns the value
 * in SI and the dimension of the unit; the caller checks the dimension against what the
 * key accepts (tdm_qkind) and reports the accepted units when it does not match.
 *
 * Unit expressions: symbols with optional SI prefix and integer exponent, joined by '*',
 * '.', '/' and one level of parentheses after '/': "kWh/m3", "J/(mol*K)", "t/day",
 * "mA/cm2", "$/kWh", "GJ/t". Temperatures: "K", "C" (or "degC"). */
#ifndef TANDEM_QUANTITY_H
#define TANDEM_QUANTITY_H

#include <stdbool.h>
#include <stddef.h>

/* Base dimensions: mass, length, time, current, temperature, amount, money. */
enum { TDM_DIM_KG, TDM_DIM_M, TDM_DIM_S, TDM_DIM_A, TDM_DIM_K, TDM_DIM_MOL, TDM_DIM_USD, TDM_NDIM };

typedef struct tdm_dim {
    signed char e[TDM_NDIM];
} tdm_dim;

/* The kinds of quantity that flowsheet keys accept. */
typedef enum tdm_qkind {
    TDM_Q_FRACTION, /* dimensionless: 0.5, 50 %, 0.5 mol/mol */
    TDM_Q_TEMPERATURE,
    TDM_Q_PRESSURE,
    TDM_Q_CURRENT,
    TDM_Q_CURRENT_DENSITY,
    TDM_Q_VOLTAGE,
    TDM_Q_AREA,
    TDM_Q_POWER,
    TDM_Q_MOLAR_FLOW,
    TDM_Q_MASS_FLOW,
    TDM_Q_ENERGY_PER_VOLUME, /* kWh/m3 of gas treated */
    TDM_Q_ENERGY_PER_MASS,   /* GJ/t, MJ/kg */
    TDM_Q_ENERGY_PER_MOL,
    TDM_Q_HEAT_CAPACITY,    /* J/(mol K) */
    TDM_Q_CONCENTRATION,    /* g/L */
    TDM_Q_DENSITY,          /* kg/m3 */
    TDM_Q_PRODUCTIVITY,     /* g/(L h) */
    TDM_Q_POWER_PER_VOLUME, /* kW/m3 */
    TDM_Q_VOLUME,           /* m3, L */
    TDM_Q_AREA_RESISTANCE,  /* ohm cm2 */
    TDM_Q_RATE,             /* 1/h: space velocity */
    TDM_Q_DURATION,         /* yr */
    TDM_Q_MONEY,            /* $ */
    TDM_Q_MONEY_PER_TIME,   /* $/yr */
    TDM_Q_MONEY_PER_MASS,   /* $/t */
    TDM_Q_COUNT
} tdm_qkind;

/* Name of a kind ("current density") and the units to suggest for it ("mA/cm2, A/m2"). */
const char *tdm_qkind_name(tdm_qkind k);
/* The name with its article: "a current density", "an area". */
const char *tdm_qkind_a(tdm_qkind k);
const char *tdm_qkind_units(tdm_qkind k);
tdm_dim tdm_qkind_dim(tdm_qkind k);
/* The SI unit values of kind k are held in ("A/m2"; "" for fractions). */
const char *tdm_qkind_si(tdm_qkind k);
bool tdm_dim_equal(tdm_dim a, tdm_dim b);

/* Parse "number [unit]". On success returns 0 with *si in SI units and *dim the dimension
 * of the unit (all zero for a bare number or %). On failure returns -1 and writes a short
 * reason (no file or line) into why. Temperatures come back in K; a temperature unit may
 * only stand alone. Only finite decimal numbers are accepted: no NaN, Inf or hex. */
int tdm_quantity_parse(const char *text, double *si, tdm_dim *dim, char *why, size_t whylen);
/* The same for a quantity that is a difference (a spread, a step, an approach): a
 * temperature in C is as many kelvin, not offset by 273.15 (5 C is 5 K, not 278.15 K). */
int tdm_quantity_parse_difference(const char *text, double *si, tdm_dim *dim, char *why,
                                  size_t whylen);

/* Parse a unit expression alone ("t/day"): factor to SI (si = value * factor) and dimension.
 * Returns -1 (with why) when it cannot be read. Temperature offsets are not allowed here. */
int tdm_unit_parse(const char *unit, double *factor, tdm_dim *dim, char *why, size_t whylen);

/* Convert an SI value to the display unit ("t/day"); the unit must be valid. */
double tdm_from_si(double si, const char *unit);

/* An SI value in a display unit as a file writes it: "C" and "degC" are offset from
 * kelvin, "" is a bare number, any other unit through tdm_from_si. */
double tdm_quantity_shown(double si, const char *unit);

/* The text a file would give for an SI value in a display unit ("2.7000000000000002 V";
 * "C" and "degC" are offset from kelvin, "" is a bare number), every digit kept so that
 * reading it back gives the same value, then `suffix` (may be NULL). */
void tdm_quantity_text(char *buf, size_t n, double si, const char *unit, const char *suffix);

#endif
