/* The species table against hand arithmetic and the published derived values of
 * ../shared/reference/thermo.md (CRC data; F = 96485.33 C/mol). */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/flowsheet.h"
#include "tandem/species.h"

static const tdm_species *
sp(const char *name)
{
    int id = tdm_species_find(name);
    if (id < 0) {
        print_error("no species %s\n", name);
        fail();
    }
    return tdm_species_get(id);
}

static void
test_molar_masses_follow_iupac_atomic_weights(void **state)
{
    (void)state;
    /* C2H4: 2 x 12.011 + 4 x 1.008 = 28.054 g/mol (thermo.md lists 28.054) */
    assert_close(sp("C2H4")->molar_mass, 0.028054, 1e-9);
    /* CO2: 12.011 + 2 x 15.999 = 44.009 */
    assert_close(sp("CO2")->molar_mass, 0.044009, 1e-9);
    /* n-propanol C3H8O: 36.033 + 8.064 + 15.999 = 60.096 (thermo.md: 60.096) */
    assert_close(sp("C3H7OH")->molar_mass, 0.060096, 1e-9);
    /* urea CH4N2O: 12.011 + 4.032 + 15.999 + 28.014 = 60.056 */
    assert_close(sp("urea")->molar_mass, 0.060056, 1e-9);
}

static void
test_electrons_per_molecule_are_the_degree_of_reduction(void **state)
{
    (void)state;
    /* thermo.md electrons from CO2: CO 2, HCOOH 2, CH4 8, CH3OH 6, C2H4 12, C2H5OH 12,
     * CH3COOH 8, n-propanol 18; H2 2 from water; NH3 3 from N2; nitrate -5, so
     * NO3- -> NH3 takes 3 - (-5) = 8 electrons (thermo.md: 8). */
    struct {
        const char *n;
        int e;
    } want[] = {{"CO", 2},      {"HCOOH", 2},   {"CH4", 8},     {"CH3OH", 6}, {"C2H4", 12},
                {"C2H5OH", 12}, {"CH3COOH", 8}, {"C3H7OH", 18}, {"H2", 2},    {"NH3", 3},
                {"NO3-", -5},   {"O2", -4},     {"CO2", 0},     {"H2O", 0}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        assert_int_equal(tdm_species_electrons(sp(want[i].n)), want[i].e);
}

/* Reversible cell voltage of CO2 + H2O -> product + O2 from the table's Gibbs energies. */
static double
e_cell(const char *product, int nco2, double nh2o_in, double no2, int z)
{
    double dg =
        sp(product)->gf + no2 * sp("O2")->gf - nco2 * sp("CO2")->gf - nh2o_in * sp("H2O")->gf;
    return dg / (z * TDM_FARADAY);
}

static void
test_gibbs_energies_reproduce_the_published_cell_voltages(void **state)
{
    (void)state;
    /* thermo.md, "Derived": 2CO2 + 2H2O -> C2H4 + 3O2, dG 1331.4 kJ/mol, E 1.150 V;
     * CO2 -> CO + 1/2 O2, 1.333 V; CO2 + 2H2O -> CH4 + 2O2, 1.060 V;
     * 3CO2 + 4H2O -> C3H7OH + 4.5 O2, 1.130 V. Tolerance 0.001 V (rounding of the table). */
    assert_close(e_cell("C2H4", 2, 2, 3, 12), 1.150, 1e-3);
    assert_close(e_cell("CO", 1, 0, 0.5, 2), 1.333, 1e-3);
    assert_close(e_cell("CH4", 1, 2, 2, 8), 1.060, 1e-3);
    assert_close(e_cell("C3H7OH", 3, 4, 4.5, 18), 1.130, 1e-3);
}

static void
test_species_are_found_by_formula_or_common_name_only(void **state)
{
    (void)state;
    assert_int_equal(tdm_species_find("ethylene"), tdm_species_find("C2H4"));
    assert_int_equal(tdm_species_find("Co"), -1); /* cobalt is not carbon monoxide */
    assert_int_equal(tdm_species_find("C2H5"), -1);
    assert_non_null(tdm_species_suggest("C2H5"));
    /* the ids units use without looking them up */
    assert_int_equal(tdm_species_find("CO2"), TDM_SPECIES_CO2);
    assert_int_equal(tdm_species_find("CO"), TDM_SPECIES_CO);
    assert_int_equal(tdm_species_find("H2"), TDM_SPECIES_H2);
    assert_int_equal(tdm_species_find("O2"), TDM_SPECIES_O2);
    assert_int_equal(tdm_species_find("N2"), TDM_SPECIES_N2);
    assert_int_equal(tdm_species_find("H2O"), TDM_SPECIES_H2O);
    for (int i = 0; i < tdm_species_count(); i++) {
        const tdm_species *s = tdm_species_get(i);
        assert_non_null(s->source);
        assert_true(strlen(s->source) > 10);
        /* every element count consistent with the name being found again */
        assert_int_equal(tdm_species_find(s->name), i);
    }
}

static void
test_a_flowsheets_own_liquid_boils_with_continuous_gibbs_energy(void **state)
{
    (void)state;
    /* A liquid of the file's own with a vapour enthalpy and a boiling point, and the same
     * heat capacity in both phases: at the boiling point the two phases are in equilibrium,
     * so G(liquid) = G(vapour) there, and G is continuous across it. From 1e-6 K below Tb =
     * 350 K to 1e-6 K above, G moves by S x 2e-6 K, S being 491 J/(mol K) for the liquid and
     * 605 for the vapour: at most 1.3e-3 J/mol; a jump would be a fraction of the heat of
     * vaporization, 40 kJ/mol. The enthalpy jumps by that heat (-160 - (-200) kJ/mol), with
     * equal heat capacities. */
    const char *text = "[flowsheet]\nmain_product = XL\n"
                       "[species.XL]\nformula = C3H8O\nhf = -200 kJ/mol\ngf = -150 kJ/mol\n"
                       "phase = liquid\nhf_other_phase = -160 kJ/mol\ntb = 350 K\n"
                       "cp = 100 J/(mol K)\ncp_gas = 100 J/(mol K)\n"
                       "source = made up for this test\n"
                       "[f]\nkind = feed\nout = a\ncomposition.XL = 1\nflow = 1 mol/s\n"
                       "[p]\nkind = product\nin = a\n";
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "t.ini", &fs, &err), 0);
    const tdm_species *x = tdm_flowsheet_species_info(fs, tdm_flowsheet_find_species(fs, "XL"));
    double below = 350 - 1e-6, above = 350 + 1e-6;
    assert_false(tdm_species_vapour(x, below));
    assert_true(tdm_species_vapour(x, above));
    assert_true(fabs(tdm_species_g(x, above) - tdm_species_g(x, below)) < 1.3e-3);
    assert_close(tdm_species_h(x, above) - tdm_species_h(x, below), 40e3, 1e-6);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_molar_masses_follow_iupac_atomic_weights),
        cmocka_unit_test(test_electrons_per_molecule_are_the_degree_of_reduction),
        cmocka_unit_test(test_gibbs_energies_reproduce_the_published_cell_voltages),
        cmocka_unit_test(test_species_are_found_by_formula_or_common_name_only),
        cmocka_unit_test(test_a_flowsheets_own_liquid_boils_with_continuous_gibbs_energy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
