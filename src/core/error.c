#include "tandem/error.h"

#include <stdio.h>
#include <string.h>

void
tdm_error_clear(tdm_error *err)
{
    if (!err) return;
    err->cls = TDM_OK;
    err->msg[0] = '\0';
}

int
tdm_verrorf(tdm_error *err, enum tdm_error_class cls, const char *file, int line, const char *fmt,
            va_list ap)
{
    if (!err) return -1;
    size_t n = 0;
    err->cls = cls;
    err->msg[0] = '\0';
    if (file && line > 0)
        n = (size_t)snprintf(err->msg, sizeof err->msg, "%s:%d: ", file, line);
    else if (file)
        n = (size_t)snprintf(err->msg, sizeof err->msg, "%s: ", file);
    if (n < sizeof err->msg) vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
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
tdm_errorf_col(tdm_error *err, enum tdm_error_class cls, const char *file, int line, int col,
               const char *fmt, ...)
{
    if (!err) return -1;
    err->cls = cls;
    size_t n =
        (size_t)snprintf(err->msg, sizeof err->msg, "%s:%d:%d: ", file ? file : "", line, col);
    va_list ap;
    va_start(ap, fmt);
    if (n < sizeof err->msg) vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    va_end(ap);
    return -1;
}
