#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glpk.h>

#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/io.h"

/* The memory of a document for standard output: a stream whose failure to grow is an error
 * of the stream. open_memstream's is not (glibc drops what does not fit and leaves the error
 * flag clear), and a million-line sweep under a memory limit printed a third of its lines
 * with exit status 0. */
static ssize_t
mem_write(void *cookie, const char *data, size_t n)
{
    cli_out *o = cookie;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *p = realloc(o->buf, cap);
        if (!p) {
            o->failed = true;
            errno = ENOMEM;
            return -1;
        }
        o->buf = p;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, data, n);
    o->len += n;
    o->buf[o->len] = '\0';
    return (ssize_t)n;
}

FILE *
cli_out_begin(cli_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (!path) {
        cookie_io_functions_t io = {.write = mem_write};
        o->f = fopencookie(o, "w", io);
        return o->f;
    }
    /* a file: written where it will lie, through its temporary name, so that its size is
     * not held in memory; never one of the run's inputs (a performance map included) */
    if (tdm_file_is_input(path)) {
        fprintf(stderr,
                "tandem: %s is one of the files this run read; tandem never writes its "
                "inputs\n",
                path);
        o->refused = true;
        return NULL;
    }
    if (tdm_output_begin(path, o->tmp, sizeof o->tmp)) {
        fprintf(stderr, "tandem: cannot write %s: %s\n", path, strerror(errno));
        o->refused = true;
        return NULL;
    }
    o->f = fopen(o->tmp, "wb");
    if (!o->f) {
        fprintf(stderr, "tandem: cannot write %s: %s\n", path, strerror(errno));
        tdm_output_end(path, o->tmp, false);
        o->refused = true;
    }
    return o->f;
}

void
cli_out_abort(cli_out *o)
{
    if (o->f) fclose(o->f);
    if (o->path && o->tmp[0]) tdm_output_end(o->path, o->tmp, false);
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
    o->tmp[0] = '\0';
}

int
cli_out_fail(cli_out *o)
{
    int e = errno;
    if (o->failed || (!o->path && e == ENOMEM))
        fprintf(stderr, "tandem: out of memory while writing the report (nothing written; "
                        "give -o FILE to write it to a file)\n");
    else if (o->path)
        fprintf(stderr, "tandem: cannot write %s: %s (nothing written)\n", o->path,
                strerror(e ? e : EIO));
    else
        fprintf(stderr, "tandem: cannot write the report\n");
    cli_out_abort(o);
    return 2;
}

int
cli_out_commit(cli_out *o)
{
    int saved = 0;
    bool ok = !ferror(o->f) && fflush(o->f) == 0;
    if (!ok) saved = errno;
    if (fclose(o->f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    o->f = NULL;
    int status = 0;
    if (!o->path) {
        if (!ok || o->failed) {
            fprintf(stderr, "tandem: out of memory while writing the report (nothing written; "
                            "give -o FILE to write it to a file)\n");
            status = 2;
        } else if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0) {
            fprintf(stderr, "tandem: cannot write to standard output: %s\n", strerror(errno));
            status = 2;
        }
    } else {
        bool done = ok && tdm_output_end(o->path, o->tmp, true) == 0;
        if (!done) {
            if (!ok) tdm_output_end(o->path, o->tmp, false);
            fprintf(stderr, "tandem: cannot write %s: %s (nothing written)\n", o->path,
                    strerror(ok ? errno : saved));
            status = 2;
        }
        o->tmp[0] = '\0';
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
    /* the unit is the longest unit name before a dot (a name may hold dots); with none, the
     * text before the first dot, which the flowsheet then names as no unit of its */
    char text[512], unit[256], key[256];
    if (eq - arg >= (ptrdiff_t)sizeof text)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "--set `%.40s...`: the name is too long", arg);
    snprintf(text, sizeof text, "%.*s", (int)(eq - arg), arg);
    const char *k;
    int ui = tdm_flowsheet_unit_key(fs, text, &k);
    if (ui < 0) k = text + (dot - arg) + 1;
    snprintf(unit, sizeof unit, "%.*s", (int)(k - 1 - text), text);
    snprintf(key, sizeof key, "%s", k);
    return tdm_flowsheet_set(fs, NULL, unit, key, eq + 1, err);
}

/* The scenario: --scenario, else the flowsheet's (relative to its file), else the shipped
 * base scenario found from the flowsheet's directory upwards. */

/* GLPK's text goes nowhere: what it says is said again by tandem's messages. Without this,
 * its "glp_alloc: no memory available" went to standard output, into a report. */
static int
glpk_text(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

/* GLPK stops on an error it cannot return (out of memory, past $TANDEM_GLPK_MB): it called
 * abort(), exit 134 and a core, with its message on standard output. The run ends as any
 * failed run: a message, its temporary files removed, exit status 2. */
static void
glpk_failed(void *info)
{
    (void)info;
    static const char msg[] =
        "tandem: the linear solver (GLPK) ran out of memory; free memory, raise "
        "$TANDEM_GLPK_MB, or make the flowsheet smaller\n";
    if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more can be said */
    }
    tdm_tmp_remove_all();
    _exit(2);
}

/* GLPK keeps its hooks and its memory limit per thread: a study's other threads set them
 * again (cli_glpk_guard said already whether $TANDEM_GLPK_MB is a number). */
void
cli_glpk_thread(void)
{
    glp_term_hook(glpk_text, NULL);
    glp_error_hook(glpk_failed, NULL);
    const char *mb = getenv("TANDEM_GLPK_MB");
    long v = mb && *mb ? strtol(mb, NULL, 10) : 0;
    if (v >= 1 && v <= 1 << 20) glp_mem_limit((int)v);
}

int
cli_glpk_guard(void)
{
    glp_term_hook(glpk_text, NULL);
    glp_error_hook(glpk_failed, NULL);
    const char *mb = getenv("TANDEM_GLPK_MB");
    if (mb && *mb) {
        char *end;
        long v = strtol(mb, &end, 10);
        if (*end || v < 1 || v > 1 << 20) {
            fprintf(stderr,
                    "tandem: $TANDEM_GLPK_MB takes a whole number of MiB from 1 to "
                    "1048576, not `%s`\n",
                    mb);
            return 2;
        }
        glp_mem_limit((int)v);
    }
    return 0;
}
