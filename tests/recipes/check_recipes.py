#!/usr/bin/env python3
"""The recipes of docs/design.md, followed to the letter: a copy of the source tree gains a
toy unit kind, a toy objective, a toy command and a toy report format, each by the files its
recipe names and no others, then builds, and the tool uses all four as its own. A recipe that leaves out a
step (a switch on kind names somewhere, a list of objectives kept by hand, a usage text
written twice) fails here.

The unit kind `tee`: one inlet, one outlet, every species through unchanged (the
pass-through declare the heater and the pump use), its inlet flow in its table. The
objective `min_toy`: the electricity per tonne of main product in kWh/kg. The command
`toy`: prints the unit kinds and the objectives it finds in the tables. The format `lines`:
one `path = value` line a value, every machine-readable report written in it.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

root = pathlib.Path(os.environ.get("TANDEM_SOURCE_ROOT", ".")).resolve()

UNIT_KIND = r'''/* tee: a toy unit kind, made by tests/recipes/check_recipes.py from docs/design.md's
 * recipe: one inlet, one outlet, every species through unchanged. */
#include "kinds.h"

static int
parse(tdm_unit *u, tdm_error *err)
{
    (void)u;
    (void)err;
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)res;
    tdm_result_add(r, "flow", "inlet flow", tdm_kind_mass_flow(u, x, tdm_unit_port_stream(u, 0, 0)),
                   "t/day");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the stream in"},
    {"out", TDM_PORT_OUT, 1, 1, "the same stream out"},
    {NULL},
};

static const tdm_key_spec keys[] = {{NULL}};

const tdm_unit_kind tdm_kind_tee = {
    .name = "tee",
    .summary = "passes a stream through unchanged (a toy of the recipe test)",
    .legend = "n_k,out = n_k,in",
    .shape = "diamond",
    .fill = "#ffeeaa",
    .electricity_label = "electricity: tees",
    .ports = ports,
    .keys = keys,
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
};
'''

COMMAND = r'''/* tandem toy: a toy command, made by tests/recipes/check_recipes.py from docs/design.md's
 * recipe. */
#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/optimize.h"
#include "tandem/unit.h"

const char cmd_toy_help[] = "usage: tandem toy\n\nLists the unit kinds and the objectives.\n";

const cli_option cmd_toy_options[] = {{NULL}};

int
cmd_toy(cli_run *r)
{
    (void)r;
    for (int i = 0; i < tdm_unit_kind_count(); i++)
        printf("kind %s\n", tdm_unit_kind_get(i)->name);
    for (int i = 0; tdm_objective_at(i); i++)
        printf("objective %s\n", tdm_objective_at(i)->key);
    return 0;
}
'''

KIND_TEST = r'''/* The tee: a toy unit kind's test, made by tests/recipes/check_recipes.py. */
#include "../support.h"
#include "tandem/unit.h"

/* 10 mol/s of water through the tee: 10 mol/s out, 10 x 18.015 g/mol (IUPAC) = 0.18015 kg/s
 * in its table */
static void
test_the_tee_passes_its_stream_through(void **state)
{
    (void)state;
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text("[flowsheet]\nmain_product = H2O\n[f]\nkind = feed\nout = a\n"
                                   "composition.H2O = 1\nflow = 10 mol/s\n[t]\nkind = tee\nin = a\n"
                                   "out = b\n[p]\nkind = product\nin = b\n",
                                   &sim);
    assert_close(stream_flow(sim.results, "b", "H2O"), 10.0, 1e-12);
    assert_close(unit_value(sim.results, "t", "flow"), 0.18015, 1e-4);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_the_tee_passes_its_stream_through)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
'''

FLOWSHEET = """[flowsheet]
main_product = H2O
[f]
kind = feed
out = a
composition.H2O = 1
flow = 10 mol/s
[t]
kind = tee
in = a
out = b
[p]
kind = product
in = b
"""


# The format `lines`: every value on a line of its own, `path = value [unit]`, the path the
# keys (or a table's and its row's number) from the document down.
EMITTER = r'''
/* ---- lines: a toy format of tests/recipes/check_recipes.py, one value a line ----------- */

static void
lines_path(tdm_emitter *e, const char *key)
{
    for (int d = 1; d <= e->depth; d++)
        fprintf(e->f, "%s%s", e->level[d].key ? e->level[d].key : "-", ".");
    fprintf(e->f, "%s = ", key ? key : "-");
}

static void
lines_cell(tdm_emitter *e, tdm_cell c, const char *unit)
{
    if (c.text)
        fputs(c.text, e->f);
    else
        fprintf(e->f, "%.10g%s%s", c.v, unit && unit[0] ? " " : "", unit ? unit : "");
    fputc('\n', e->f);
}

static void
lines_field(tdm_emitter *e, const char *key, tdm_cell c)
{
    lines_path(e, key);
    lines_cell(e, c, c.unit);
}

static void
lines_list(tdm_emitter *e, const char *key, const char *const *items, int n)
{
    for (int i = 0; i < n; i++) {
        lines_path(e, key);
        lines_cell(e, tdm_text_cell(items[i]), NULL);
    }
}

static void
lines_table(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols)
{
    e->cols = cols;
    e->ncols = ncols;
    e->nrows = 0;
    e->level[0].key = key;
}

static void
lines_row(tdm_emitter *e, const tdm_cell *cells)
{
    e->nrows++;
    for (int c = 0; c < e->ncols; c++) {
        fprintf(e->f, "%s.%ld.%s = ", e->level[0].key, e->nrows, e->cols[c].key);
        lines_cell(e, cells[c], cells[c].unit ? cells[c].unit : e->cols[c].unit);
    }
}

static void
lines_nothing(tdm_emitter *e)
{
    (void)e;
}

static void
lines_open(tdm_emitter *e, const char *key, unsigned how)
{
    (void)how;
    if (e->depth < TDM_EMIT_DEPTH) e->level[++e->depth] = (struct tdm_emit_level){.key = key};
}

static void
lines_close(tdm_emitter *e)
{
    if (e->depth > 0) e->depth--;
}

static void
lines_item(tdm_emitter *e, const char *section, const char *item)
{
    (void)e, (void)section, (void)item;
}

static void
lines_value(tdm_emitter *e, const char *key, const char *label, tdm_cell c)
{
    (void)label;
    lines_path(e, key);
    lines_cell(e, c, c.unit);
}

static const tdm_emitter_ops lines_ops = {lines_field,   lines_list,    lines_table, lines_row,
                                          lines_nothing, lines_nothing, lines_open,  lines_close,
                                          lines_item,    lines_value};

int
tdm_emitter_open(tdm_emitter *e, enum tdm_format fmt, FILE *f)'''


def edit(path, old, new):
    text = path.read_text()
    if text.count(old) != 1:
        sys.exit(f"recipes: {path.relative_to(work)}: the recipe's anchor `{old.strip()}` "
                 "is not there once; docs/design.md and this test have parted")
    path.write_text(text.replace(old, new))


def run(*args, expect=0):
    p = subprocess.run(args, capture_output=True, text=True, cwd=work)
    if p.returncode != expect:
        sys.exit(f"recipes: `{' '.join(map(str, args))}` exited {p.returncode}:\n"
                 f"{p.stdout}{p.stderr}")
    return p.stdout


def copy_tree(dst):
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root, capture_output=True)
    if listed.returncode == 0 and listed.stdout:
        names = [n for n in listed.stdout.decode().split("\0") if n]
    else:  # not a git checkout: the tree's own folders
        names = [str(p.relative_to(root)) for d in ("src", "include", "tests", "costs",
                                                    "flowsheets", "docs")
                 for p in (root / d).rglob("*") if p.is_file()]
        names += ["meson.build", "meson_options.txt"]
    for n in names:
        s = root / n
        if not s.is_file():
            continue  # deleted in the work tree
        d = dst / n
        d.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(s, d)


with tempfile.TemporaryDirectory(prefix="tandem-recipes-") as tmp:
    work = pathlib.Path(tmp)
    copy_tree(work)
    touched = []

    # Adding a unit kind: its file, one line in kinds.h and the registry, meson.build.
    (work / "src/units/tee.c").write_text(UNIT_KIND)
    edit(work / "src/units/kinds.h", "extern const tdm_unit_kind tdm_kind_feed;\n",
         "extern const tdm_unit_kind tdm_kind_feed;\nextern const tdm_unit_kind tdm_kind_tee;\n")
    edit(work / "src/units/registry.c", "    &tdm_kind_feed,\n",
         "    &tdm_kind_feed,\n    &tdm_kind_tee,\n")
    edit(work / "meson.build", "  'src/units/splitter.c',\n",
         "  'src/units/splitter.c',\n  'src/units/tee.c',\n")
    (work / "tests/kinds/test_tee.c").write_text(KIND_TEST)
    edit(work / "tests/meson.build", "'storage']", "'storage', 'tee']")
    touched += ["src/units/tee.c", "src/units/kinds.h", "src/units/registry.c",
                "tests/kinds/test_tee.c", "tests/meson.build"]

    # Adding an objective: one row.
    edit(work / "include/tandem/objectives.def", "/* clang-format on */",
         'TDM_OBJECTIVE(MIN_TOY, "min_toy", "electricity per kilogram of main product", '
         '"kWh/kg",\n              TDM_OBJF_ELECTRICITY, false, false, true, false, 3.6e6,\n'
         '              "electric_energy")\n'
         "/* clang-format on */")
    touched += ["include/tandem/objectives.def"]

    # Adding a command: its file, one row, meson.build.
    (work / "src/cli/cmd_toy.c").write_text(COMMAND)
    edit(work / "src/cli/commands.def", "/* clang-format on */",
         'TDM_COMMAND(toy, "toy", "the unit kinds and the objectives (a toy)", "", 0, 0, 0,\n'
         '            NULL)\n'
         "/* clang-format on */")
    edit(work / "meson.build", "    'src/cli/cmd_mc.c',\n",
         "    'src/cli/cmd_mc.c',\n    'src/cli/cmd_toy.c',\n")
    touched += ["src/cli/cmd_toy.c", "src/cli/commands.def", "meson.build"]

    # Adding a machine-readable report format: its emitter and its case in emit.c, its value
    # and its name.
    edit(work / "src/report/emit.c", "\nint\ntdm_emitter_open(tdm_emitter *e, enum tdm_format fmt, FILE *f)",
         EMITTER)
    edit(work / "src/report/emit.c", "    case TDM_FMT_TEXT:\n",
         "    case TDM_FMT_LINES:\n        e->ops = &lines_ops;\n        return 0;\n"
         "    case TDM_FMT_TEXT:\n")
    edit(work / "include/tandem/report.h", "TDM_FMT_MARKDOWN };", "TDM_FMT_MARKDOWN, TDM_FMT_LINES };")
    edit(work / "src/report/format.c", '    if (strcmp(s, "markdown") == 0) return TDM_FMT_MARKDOWN;\n',
         '    if (strcmp(s, "markdown") == 0) return TDM_FMT_MARKDOWN;\n'
         '    if (strcmp(s, "lines") == 0) return TDM_FMT_LINES;\n')
    touched += ["src/report/emit.c", "include/tandem/report.h", "src/report/format.c"]

    run("meson", "setup", "b", "--buildtype=plain", "-Dmpi=disabled", "-Dwerror=true")
    run("ninja", "-C", "b", "tandem", "tests/test_registry", "tests/test_tee")
    tandem = work / "b" / "tandem"
    # the registry's contract test, over every kind and the new one (its test file too)
    os.environ["TANDEM_SOURCE_ROOT"] = str(work)
    run(work / "b" / "tests" / "test_registry")
    run(work / "b" / "tests" / "test_tee")

    # the kind is listed, solves, is explained with its legend and drawn in its shape
    out = run(tandem, "kinds", "tee")
    assert "passes a stream through unchanged" in out, out
    (work / "tee.ini").write_text(FLOWSHEET)
    out = run(tandem, "solve", "tee.ini", "--format", "csv")
    # 10 mol/s of water, 0.01801528 kg/mol: 15.5652 t/day through the tee
    flow = [ln for ln in out.splitlines() if ln.startswith("unit,t,flow,")]
    assert flow and abs(float(flow[0].split(",")[-1]) - 10 * 0.01801528 * 86.4) < 1e-3, out
    assert "n_k,out = n_k,in" in run(tandem, "explain", "tee.ini", "t")
    assert "diamond" in run(tandem, "diagram", "tee.ini")
    # the objective is read, optimized and reported by its name
    out = run(tandem, "optimize", str(root / "flowsheets/one_cell_mea.ini"),
              "--objective", "min_toy")
    assert "electricity per kilogram of main product" in out, out
    # and listed by `tandem optimize --help`, from the same row
    assert "  min_toy " in run(tandem, "optimize", "--help")
    # the command is listed and runs
    assert "  toy " in run(tandem, "--help")
    out = run(tandem, "toy")
    assert "kind tee" in out and "objective min_toy" in out, out

    # every machine-readable report is written in the new format, each with a value it holds
    one = str(root / "flowsheets/one_cell_mea.ini")
    ee4 = str(root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini")
    for args, want in ((["solve", one], "summary.quantities.product_rate = 100 t/day"),
                       (["compare", one, ee4], "flowsheets.-.summary.key_reactant = CO2"),
                       (["species"], "species.1.name = CO2"),
                       (["cost", one], "summary.levelized_cost = "),
                       (["heat", ee4], "dtmin = 10 K"),
                       (["energy", one], "lines.1."),
                       (["optimize", one], "summary.product_rate = 100 t/day"),
                       (["optimize", one, "--pareto", "2"], "points.1.product = "),
                       (["sweep", one, "--vary", "cell.current_density=100..300:2"],
                        "points.2.cell.current_density = 300 mA/cm2"),
                       (["tornado", ee4], "parameters.2.parameter = "),
                       (["mc", ee4, "--samples", "20"], "outputs.1.output = levelized_cost")):
        out = run(tandem, *args, "--format", "lines")
        assert want in out, f"{' '.join(args)} --format lines: no `{want}` in\n{out[:2000]}"

    print("recipes: a unit kind, an objective, a command and a report format added by their "
          "recipes "
          f"({len(set(touched))} files: {', '.join(sorted(set(touched)))}) build and work")
