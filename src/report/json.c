/* JSON's pieces, for every report that writes JSON (emit.c's emitter, the cost files). */
#include <math.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/unit.h"
#include "text.h"
#include "writers.h"

#ifndef TANDEM_VERSION
#include "tandem_config.h"
#endif

void
tdm_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* a well-formed UTF-8 sequence as it is; a byte that is not one (a query's, in
             * serve) as U+FFFD: JSON is UTF-8, and a parser refuses the document otherwise */
            size_t bad = tdm_text_bad_byte(s + i, n - i);
            size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
            if (bad == 0 || len > n - i || bad < len) {
                fputs("\\ufffd", f);
                i++;
            } else {
                fwrite(s + i, 1, len, f);
                i += len;
            }
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
        i++;
    }
    fputc('"', f);
}

void
tdm_json_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.12g", v);
    else
        fputs("null", f);
}

void
tdm_json_qty(FILE *f, const char *key, double v, const char *unit)
{
    if (key) {
        tdm_json_str(f, key);
        fputs(": ", f);
    }
    fputs("{\"value\": ", f);
    tdm_json_num(f, v);
    fputs(", \"unit\": ", f);
    tdm_json_str(f, unit);
    fputc('}', f);
}
