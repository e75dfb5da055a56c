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

int
cli_args_parse(int argc, char **argv, const char *allow, cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->format = TDM_FMT_TEXT;
    a->command = argv[0];
    a->priced = strchr(allow, 'c') != NULL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            a->help = true;
        } else if (strchr(allow, 'f') && is_opt(arg, "--format")) {
            const char *v = value_of(argc, argv, &i, "--format");
            if (!v) return 2;
            a->format = tdm_format_parse(v);
            bool md = strchr(allow, 'm') != NULL, json = strchr(allow, 'J') == NULL;
            /* a command without a JSON writer refuses it (energy and tornado printed their text
             * for --format json, with exit 0) */
            if (a->format < 0 || (a->format == TDM_FMT_MARKDOWN && !md) ||
                (a->format == TDM_FMT_JSON && !json)) {
                fprintf(stderr, "tandem %s: unknown format `%s` (text, csv%s%s)\n", argv[0], v,
                        json ? ", json" : "", md ? ", markdown" : "");
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

int
cli_start(int argc, char **argv, const char *allow, const char *help, int min_files, int max_files,
          cli_args *a)
{
    if (cli_args_parse(argc, argv, allow, a)) return 2;
    if (a->help) {
        fputs(help, stdout);
        return 0;
    }
    if (a->nfiles > max_files && max_files > 1) {
        fprintf(stderr, "tandem %s: too many files (at most %d)\n", argv[0], max_files);
        return 2;
    }
    if (a->nfiles < min_files || a->nfiles > max_files) {
        fputs(help, stderr);
        return 2;
    }
    return -1;
}

int
cli_start_solving(int argc, char **argv, const char *allow, const char *help, cli_args *a,
                  struct tdm_flowsheet **fs, struct tdm_simulation *sim)
{
    int rc = cli_start(argc, argv, allow, help, 1, 1, a);
    if (rc >= 0) return rc;
    if ((rc = cli_load(a, fs))) return rc;
    tdm_simulation_init(sim, *fs);
    return -1;
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
