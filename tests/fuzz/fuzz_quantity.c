/* Fuzzes the quantity and unit parsers ("200 mA/cm2", "1.5 t/day"). Promises checked: a
 * parsed value and a unit's factor are finite, and a factor is above zero. */
#include <math.h>

#include "fuzz.h"
#include "tandem/quantity.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char *s = fuzz_string(data, size);
    if (!s) return 0; /* an injected allocation failure (fuzz.h) */
    double si, f;
    tdm_dim dim;
    char why[200];
    if (tdm_quantity_parse(s, &si, &dim, why, sizeof why) == 0 && !isfinite(si)) abort();
    if (tdm_unit_parse(s, &f, &dim, why, sizeof why) == 0) {
        if (!(isfinite(f) && f > 0)) abort();
        char text[256];
        tdm_quantity_text(text, sizeof text, 2.5, s, NULL);
        if (!memchr(text, '\0', sizeof text)) abort();
    }
    free(s);
    return 0;
}
