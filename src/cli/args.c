#include "args.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

static const char *
value_of(int argc, char **argv, int *i, const char *opt)
{
    const char *arg = argv[*i];
    size_t n = strlen(opt);
    if (strncmp(arg, opt, n) == 0 && arg[n] == '=') return arg + n + 1;
    if (*i + 1 < argc) return argv[++*i];
    fprintf(stderr, "tandem %s: %s needs a value\n", argv[0], opt);
    return NULL;
}

static bool
is_opt(const char *arg, const char *opt)
{
    size_t n = strlen(opt);
    return strncmp(arg, opt, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

/* The command's own option that arg names, or NULL. */
static const cli_option *
own_option(const cli_option *options, const char *arg)
{
    for (const cli_option *o = options; o && o->name; o++)
        if (o->value ? is_opt(arg, o->name) : !strcmp(arg, o->name)) return o;
    return NULL;
}

int
cli_args_parse(int argc, char **argv, const char *allow, const cli_option *options, cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->format = TDM_FMT_TEXT;
    a->command = argv[0];
    a->priced = strchr(allow, 'c') != NULL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const cli_option *own = own_option(options, arg);
        if (own) {
            const char *v = own->value ? value_of(argc, argv, &i, own->name) : "";
            if (!v) return 2;
            if (a->nown == ARGS_MAX_OWN) {
                fprintf(stderr, "tandem %s: too many %s options\n", argv[0], own->name);
                return 2;
            }
            a->own[a->nown].name = own->name;
            a->own[a->nown++].value = v;
        } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            a->help = true;
        } else if (strchr(allow, 'f') && is_opt(arg, "--format")) {
            const char *v = value_of(argc, argv, &i, "--format");
            if (!v) return 2;
            a->format = tdm_format_parse(v);
            /* every command that takes --format writes text, CSV and JSON (the machine
             * formats through src/report/emit.h); Markdown where its row says so */
            bool md = strchr(allow, 'm') != NULL;
            if (a->format < 0 || (a->format == TDM_FMT_MARKDOWN && !md)) {
                fprintf(stderr, "tandem %s: unknown format `%s` (text, csv, json%s)\n", argv[0], v,
                        md ? ", markdown" : "");
                return 2;
            }
        } else if (strchr(allow, 'l') && is_opt(arg, "--layout")) {
            const char *v = value_of(argc, argv, &i, "--layout");
            if (!v) return 2;
            if (!strcmp(v, "columns"))
                a->layout = TDM_LAYOUT_COLUMNS;
            else if (!strcmp(v, "rows"))
                a->layout = TDM_LAYOUT_ROWS;
            else {
                fprintf(stderr, "tandem %s: unknown layout `%s` (columns, rows)\n", argv[0], v);
                return 2;
            }
        } else if (strchr(allow, 'o') && (is_opt(arg, "--output") || !strcmp(arg, "-o"))) {
            const char *v = value_of(argc, argv, &i, arg[1] == 'o' ? "-o" : "--output");
            if (!v) return 2;
            a->output = v;
        } else if (strchr(allow, 'c') && is_opt(arg, "--scenario")) {
            const char *v = value_of(argc, argv, &i, "--scenario");
            if (!v) return 2;
            a->scenario = v;
        } else if (strchr(allow, 'r') && is_opt(arg, "--report")) {
            const char *v = value_of(argc, argv, &i, "--report");
            if (!v) return 2;
            a->report = v;
        } else if (strchr(allow, 's') && is_opt(arg, "--set")) {
            const char *v = value_of(argc, argv, &i, "--set");
            if (!v) return 2;
            if (a->nsets == ARGS_MAX_SETS) {
                fprintf(stderr, "tandem %s: too many --set options\n", argv[0]);
                return 2;
            }
            a->sets[a->nsets++] = v;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            fprintf(stderr, "tandem %s: unknown option `%s` (see `tandem %s --help`)\n", argv[0],
                    arg, argv[0]);
            return 2;
        } else {
            /* the file names are gathered at the front of argv: slot nfiles + 1 is never
             * ahead of slot i, so nothing not yet read is overwritten, and any number fits */
            argv[++a->nfiles] = (char *)arg;
        }
    }
    a->files = (const char *const *)(argv + 1);
    return 0;
}

const char *
cli_args_opt(const cli_args *a, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < a->nown; i++)
        if (!strcmp(a->own[i].name, name)) v = a->own[i].value;
    return v;
}

int
cli_load(const cli_args *a, struct tdm_flowsheet **fs)
{
    tdm_error err;
    if (tdm_flowsheet_load(a->files[0], fs, &err)) return cli_fail(&err);
    for (int i = 0; i < a->nsets; i++) {
        bool scenario = strncmp(a->sets[i], "scenario.", 9) == 0;
        if (scenario && !a->priced) {
            /* a change that would be dropped without a word */
            fprintf(stderr,
                    "tandem %s: `--set %s` changes the cost scenario, which `tandem %s` does not "
                    "use (cost, compare, optimize, sweep, tornado and mc do)\n",
                    a->command, a->sets[i], a->command);
            tdm_flowsheet_free(*fs);
            *fs = NULL;
            return 2;
        }
    }
    const char *bad;
    if (cli_load_sets(a, *fs, &err, &bad)) {
        tdm_flowsheet_free(*fs);
        *fs = NULL;
        return cli_fail_set(&err, bad);
    }
    return 0;
}

int
cli_load_sets(const cli_args *a, struct tdm_flowsheet *fs, tdm_error *err, const char **bad)
{
    for (int i = 0; i < a->nsets; i++) {
        if (strncmp(a->sets[i], "scenario.", 9) == 0) continue;
        if (cli_apply_set(fs, a->sets[i], err)) {
            *bad = a->sets[i];
            return -1;
        }
    }
    return 0;
}

int
cli_scenario_load(const cli_args *a, const struct tdm_flowsheet *fs, struct tdm_scenario **sc,
                  tdm_error *err, const char **bad_set)
{
    *sc = NULL;
    *bad_set = NULL;
    char path[1200];
    if (a->scenario) {
        snprintf(path, sizeof path, "%s", a->scenario);
    } else if (tdm_scenario_locate(fs, path, sizeof path, err)) {
        if (!tdm_flowsheet_scenario(fs, &(int){0})) {
            size_t l = strlen(err->msg);
            snprintf(err->msg + l, sizeof err->msg - l,
                     "; give one with --scenario FILE, or set TANDEM_DATA to a folder that "
                     "holds costs/");
        }
        return -1;
    }
    if (tdm_scenario_load(path, sc, err)) return -1;
    for (int i = 0; i < a->nsets; i++) {
        if (strncmp(a->sets[i], "scenario.", 9) != 0) continue;
        const char *kv = a->sets[i] + 9, *eq = strchr(kv, '=');
        char key[256];
        if (!eq || eq == kv || eq - kv >= (int)sizeof key) {
            tdm_errorf(err, TDM_EINPUT, NULL, 0, "--set takes scenario.key=value, not `%s`",
                       a->sets[i]);
        } else {
            snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
            if (!tdm_scenario_set(*sc, key, eq + 1, err)) continue;
            *bad_set = a->sets[i];
        }
        tdm_scenario_free(*sc);
        *sc = NULL;
        return -1;
    }
    return 0;
}

int
cli_scenario(const cli_args *a, const struct tdm_flowsheet *fs, struct tdm_scenario **sc)
{
    tdm_error err;
    const char *bad;
    if (!cli_scenario_load(a, fs, sc, &err, &bad)) return 0;
    return bad ? cli_fail_set(&err, bad) : cli_fail(&err);
}
