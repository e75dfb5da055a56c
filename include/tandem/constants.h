/* tandem/constants.h: physical constants and reference conditions, with their sources. */
#ifndef TANDEM_CONSTANTS_H
#define TANDEM_CONSTANTS_H

/* CODATA 2018 recommended values (exact since the 2019 SI redefinition). */
#define TDM_FARADAY 96485.33212      /* C/mol */
#define TDM_GAS_CONSTANT 8.314462618 /* J/(mol K) */

/* Standard state for the thermodynamic tables: 298.15 K and 1 bar (IUPAC). */
#define TDM_T_STANDARD 298.15 /* K */
#define TDM_P_STANDARD 1.0e5  /* Pa */

/* Normal conditions for gas volumes (Nm3): 0 degC and 1 atm, so the molar volume of an
 * ideal gas is R * 273.15 / 101325 = 0.0224140 m3/mol. */
#define TDM_T_NORMAL 273.15                                                      /* K */
#define TDM_P_NORMAL 101325.0                                                    /* Pa */
#define TDM_MOLAR_VOLUME_NORMAL (TDM_GAS_CONSTANT * TDM_T_NORMAL / TDM_P_NORMAL) /* m3/mol */

/* Molar mass of CO2 from the IUPAC conventional atomic weights the species table uses
 * (C 12.011, O 15.999): the CO2 a mole of carbon becomes, kg/mol. */
#define TDM_M_CO2 ((12.011 + 2 * 15.999) * 1e-3)

#define TDM_SECONDS_PER_DAY 86400.0
/* A year is 365 days in every unit conversion (t/yr, $/yr); operating days per year are a
 * separate parameter of the cost scenario. */
#define TDM_SECONDS_PER_YEAR (365.0 * 86400.0)

#endif
