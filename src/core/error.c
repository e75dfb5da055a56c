#include "tandem/error.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "tandem/arena.h"
#include "tandem/ini.h"

void
tdm_contract_broken(const char *cond, const char *func, const char *file, int line)
{
    fprintf(stderr,
            "tandem: contract broken in %s (%s:%d): %s\n"
            "tandem: this is a bug in the program that called the library, not in its input\n",
            func, file, line, cond);
    abort();
}

void
tdm_error_clear(tdm_error *err)
{
    if (!err) return;
    err->cls = TDM_OK;
    err->reason = TDM_R_NONE;
    err->line = err->col = err->text = err->detail = 0;
    err->section[0] = '\0';
    err->msg[0] = '\0';
    err->file[0] = '\0';
    err->key[0] = '\0';
}

/* The "file:line[:col]: " prefix into err->msg, the fields set; its length. */
static size_t
prefix(tdm_error *err, enum tdm_error_class cls, const char *file, int line, int col, bool with_col)
{
    int n = 0;
    tdm_error_clear(err);
    err->cls = cls;
    if (with_col)
        n = snprintf(err->msg, sizeof err->msg, "%s:%d:%d: ", file ? file : "", line, col);
    else if (file && line > 0)
        n = snprintf(err->msg, sizeof err->msg, "%s:%d: ", file, line);
    else if (file)
        n = snprintf(err->msg, sizeof err->msg, "%s: ", file);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof err->msg) n = (int)sizeof err->msg - 1;
    if (file) snprintf(err->file, sizeof err->file, "%s", file);
    err->line = line > 0 ? line : 0;
    err->col = col > 0 ? col : 0;
    err->text = err->detail = n;
    return (size_t)n;
}

int
tdm_verrorf(tdm_error *err, enum tdm_error_class cls, const char *file, int line, const char *fmt,
            va_list ap)
{
    if (!err) return -1;
    size_t n = prefix(err, cls, file, line, 0, false);
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    return -1;
}

int
tdm_errorf(tdm_error *err, enum tdm_error_class cls, const char *file, int line, const char *fmt,
           ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tdm_verrorf(err, cls, file, line, fmt, ap);
    va_end(ap);
    return rc;
}

int
tdm_verrorf_in(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
               const char *section, const char *fmt, va_list ap)
{
    if (!err) return -1;
    size_t n = prefix(err, cls, file, line, 0, false);
    if (section && *section) {
        snprintf(err->section, sizeof err->section, "%s", section);
        int m = snprintf(err->msg + n, sizeof err->msg - n, "[%s] ", section);
        if (m > 0) n += (size_t)m;
        if (n >= sizeof err->msg) n = sizeof err->msg - 1;
        err->detail = (int)n;
    }
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    return -1;
}

int
tdm_errorf_in(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
              const char *section, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = tdm_verrorf_in(err, cls, file, line, section, fmt, ap);
    va_end(ap);
    return rc;
}

int
tdm_errorf_col(tdm_error *err, enum tdm_error_class cls, const char *file, int line, int col,
               const char *fmt, ...)
{
    if (!err) return -1;
    size_t n = prefix(err, cls, file, line, col, true);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    va_end(ap);
    return -1;
}

void
tdm_error_find_key(tdm_error *err)
{
    if (!err || !err->file[0] || err->line <= 0 || err->key[0]) return;
    char *text = NULL;
    size_t len = 0;
    tdm_error ignored;
    tdm_ini doc = {.arena = tdm_arena_new(), .path = err->file};
    if (doc.arena && !tdm_read_file(err->file, &text, &len, &ignored) &&
        !tdm_ini_read(&doc, text, len, 1 << 20, &ignored)) {
        for (int s = 0; s < doc.nsecs; s++)
            for (int k = 0; k < doc.secs[s].nkv; k++)
                if (doc.secs[s].kv[k].line == err->line)
                    snprintf(err->key, sizeof err->key, "%s", doc.secs[s].kv[k].key);
    }
    free(text);
    free(doc.secs);
    tdm_arena_free(doc.arena);
}
