#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"

FILE *
cli_out_begin(cli_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f;
}

void
cli_out_abort(cli_out *o)
{
    if (o->f) fclose(o->f);
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
}

int
cli_out_commit(cli_out *o, const char *path)
{
    if (fclose(o->f) != 0) {
        o->f = NULL;
        free(o->buf);
        fprintf(stderr, "tandem: out of memory while writing the report\n");
        return 2;
    }
    o->f = NULL;
    int status = 0;
    if (!path) {
        if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0) {
            fprintf(stderr, "tandem: cannot write to standard output: %s\n", strerror(errno));
            status = 2;
        }
    } else if (tdm_file_is_input(path)) {
        fprintf(stderr, "tandem: %s is one of the files this run read; tandem never writes its "
                        "inputs\n",
                path);
        status = 2;
    } else {
        char tmp[PATH_MAX + 32];
        bool done = false;
        if (tdm_output_begin(path, tmp, sizeof tmp) == 0) {
            FILE *f = fopen(tmp, "wb");
            bool ok = f && fwrite(o->buf, 1, o->len, f) == o->len;
            if (f && fclose(f) != 0) ok = false;
            done = tdm_output_end(path, tmp, ok) == 0;
        }
        if (!done) {
            fprintf(stderr, "tandem: cannot write %s: %s\n", path, strerror(errno));
            status = 2;
        }
    }
    free(o->buf);
    o->buf = NULL;
    return status;
}

int
cli_fail(const tdm_error *err)
{
    fprintf(stderr, "%s\n", err->msg);
    return err->cls == TDM_ESOLVE ? 1 : 2;
}

int
cli_fail_set(const tdm_error *err, const char *set)
{
    /* the message names the file's line of the key; the value is the command line's */
    fprintf(stderr, "%s\n  (the value comes from `--set %s`)\n", err->msg, set);
    return err->cls == TDM_ESOLVE ? 1 : 2;
}

int
cli_apply_set(struct tdm_flowsheet *fs, const char *arg, tdm_error *err)
{
    const char *dot = strchr(arg, '.');
    const char *eq = strchr(arg, '=');
    if (!dot || !eq || dot > eq || dot == arg || eq == dot + 1)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "--set takes unit.key=value (e.g. --set cell.cell_voltage=3.2V), not "
                          "`%s`",
                          arg);
    char unit[256], key[256];
    snprintf(unit, sizeof unit, "%.*s", (int)(dot - arg), arg);
    snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
    return tdm_flowsheet_set(fs, NULL, unit, key, eq + 1, err);
}

/* The scenario: --scenario, else the flowsheet's (relative to its file), else the shipped
 * base scenario found from the flowsheet's directory upwards. */
