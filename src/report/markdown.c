/* Markdown: the comparison as a document for docs/ (docs/gallery.md is written by it). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "writers.h"

static void
cell(FILE *f, double v)
{
    char num[64];
    tdm_fmt_number(num, sizeof num, v);
    fprintf(f, " %s |", isnan(v) ? "-" : num);
}

/* Pipes would end a table cell early. */
static void
text(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|') fputc('\\', f);
        fputc(*s, f);
    }
}

int
tdm_markdown_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas,
                     int n)
{
    fprintf(f,
            "# %d flowsheets compared\n\n<!-- Written by `tandem compare --format markdown`: "
            "regenerate it, do not edit it. -->\n\n",
            n);
    fputs("| flowsheet | product | rate (t/day) | electricity (GJ/t) | heat (GJ/t) | "
          "Gibbs minimum (GJ/t) | second-law efficiency (%) | carbon efficiency (%) | "
          "levelized cost ($/t) | emissions (t CO2e/t) | break-even grid (g CO2e/kWh) |\n"
          "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n",
          f);
    for (int i = 0; i < n; i++) {
        tdm_headline h;
        tdm_headline_of(res[i], teas ? teas[i] : NULL, &h);
        fputs("| [", f);
        text(f, h.name);
        fputs("](../", f);
        text(f, tdm_flowsheet_path(res[i]->fs));
        fputs(") | ", f);
        text(f, h.common);
        if (strcmp(h.common, h.product) != 0) {
            fputs(" (", f);
            text(f, h.product);
            fputc(')', f);
        }
        fputs(" |", f);
        cell(f, h.rate);
        cell(f, h.electricity);
        cell(f, h.heat);
        cell(f, h.gibbs);
        cell(f, h.second_law);
        cell(f, h.carbon);
        cell(f, h.lcop);
        cell(f, h.emissions);
        cell(f, h.breakeven_grid);
        fputc('\n', f);
    }
    fputs(
        "\nElectricity and heat per tonne of the main product; the Gibbs minimum is the Gibbs "
        "energy of the plant's overall reaction (feeds to products, with O2 and water as they "
        "leave); second-law efficiency = Gibbs minimum / (electricity + exergy of the heat); "
        "carbon efficiency = C in the main product / C fed; levelized cost of the main product in "
        "each flowsheet's cost scenario (`tandem cost` itemizes it); emissions per tonne of the "
        "main product, cradle to gate, with that scenario's carbon intensities (the US grid "
        "unless it says otherwise), and the grid intensity at which they equal those of the "
        "route the product is made by today (- where no such route is in the carbon data; a "
        "negative one: above it even on carbon-free power) (docs/carbon.md).\n\n",
        f);
    for (int i = 0; i < n; i++) {
        tdm_headline h;
        tdm_headline_of(res[i], NULL, &h);
        fputs("- **", f);
        text(f, h.name);
        fputs("**: ", f);
        text(f, tdm_flowsheet_title(res[i]->fs));
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
