/* The registry's contract over every unit kind, and an error's place as fields. */
#include <unistd.h>

#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

/* The registry's contract: every kind names itself and says what it does, has ports and
 * documented keys, its equations in symbols for `tandem explain`, the label of its
 * electricity in a cost report, and the hooks every unit needs; a new kind that forgets
 * one fails here, not in a report. Only the electrolyzer is electrochemical. */
static void
test_every_kind_carries_its_presentation(void **state)
{
    (void)state;
    assert_true(tdm_unit_kind_count() >= 12);
    for (int i = 0; i < tdm_unit_kind_count(); i++) {
        const tdm_unit_kind *k = tdm_unit_kind_get(i);
        assert_non_null(k->name);
        assert_non_null(k->summary);
        assert_non_null(k->legend);
        assert_true(strlen(k->legend) > 10);
        assert_non_null(k->electricity_label);
        assert_non_null(strstr(k->electricity_label, k->name));
        assert_non_null(k->ports);
        assert_non_null(k->ports[0].key);
        for (const tdm_port_spec *p = k->ports; p->key; p++)
            assert_non_null(p->doc);
        assert_non_null(k->keys);
        for (const tdm_key_spec *key = k->keys; key->key; key++)
            assert_non_null(key->doc);
        assert_non_null(k->parse);
        assert_non_null(k->declare);
        assert_int_equal(k->electrochemical, !strcmp(k->name, "electrolyzer"));
        /* a fill is a Graphviz colour, #rrggbb */
        if (k->fill) assert_true(strlen(k->fill) == 7 && k->fill[0] == '#');
    }
}

/* Every kind has its own test file, tests/kinds/test_NAME.c, on a case worked out by hand
 * (docs/design.md, "Adding a unit kind"). */
static void
test_every_kind_has_its_test_file(void **state)
{
    (void)state;
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    if (!root) print_error("TANDEM_SOURCE_ROOT is not set: meson test sets it\n");
    assert_non_null(root);
    for (int i = 0; i < tdm_unit_kind_count(); i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/tests/kinds/test_%s.c", root, tdm_unit_kind_get(i)->name);
        if (access(path, R_OK)) print_error("%s: no such file\n", path);
        assert_int_equal(access(path, R_OK), 0);
    }
}

/* An error's parts are fields: its line, the unit it is about and the message without its
 * place, so that a caller that re-attributes it (a CSV column, an [optimize] line) never
 * parses the text. */
static void
test_an_error_carries_its_place_as_fields(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = -1 mol/s\n"
                       "[p]\nkind = product\nin = a\n";
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    assert_int_not_equal(tdm_flowsheet_load_string(text, strlen(text), "x.ini", &fs, &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_int_equal(err.line, 7);
    assert_string_equal(err.section, "f");
    assert_memory_equal(err.msg, "x.ini:7: [f] ", 13);
    assert_int_equal(err.text, (int)strlen("x.ini:7: "));
    assert_int_equal(err.detail, (int)strlen("x.ini:7: [f] "));
    assert_string_equal(err.msg + err.detail, err.msg + 13);
    assert_int_equal(err.reason, TDM_R_NONE);
    tdm_flowsheet_free(fs);
    /* every section reader records its section: an unknown key, a quantity out of range
     * (the core readers, src/core/read.c, which wrote "[name]" into the text alone) */
    const char *texts[] = {"[flowsheet]\nmain_product = CO2\n"
                           "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\ncolour = red\n"
                           "[p]\nkind = product\nin = a\n",
                           "[flowsheet]\nmain_product = CO2\n[species.X]\nformula = C\nphase = "
                           "gas\nhf = 0 kJ/mol\ngf = 0 kJ/mol\n"
                           "tb = -5 K\n"};
    const char *sections[] = {"f", "species.X"},
               *details[] = {"unknown key `colour` for a feed", "`tb = -5 K` is out of range"};
    for (int i = 0; i < 2; i++) {
        fs = NULL;
        assert_int_not_equal(
            tdm_flowsheet_load_string(texts[i], strlen(texts[i]), "x.ini", &fs, &err), 0);
        assert_string_equal(err.section, sections[i]);
        assert_memory_equal(err.msg + err.detail, details[i], strlen(details[i]));
        tdm_flowsheet_free(fs);
    }
    /* a column's place */
    tdm_errorf_col(&err, TDM_EINPUT, "t.csv", 3, 6, "bad %s", "cell");
    assert_string_equal(err.msg, "t.csv:3:6: bad cell");
    assert_int_equal(err.col, 6);
    assert_string_equal(err.msg + err.text, "bad cell");
    assert_string_equal(err.section, "");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_carries_its_presentation),
        cmocka_unit_test(test_every_kind_has_its_test_file),
        cmocka_unit_test(test_an_error_carries_its_place_as_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
