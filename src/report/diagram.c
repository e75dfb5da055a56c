/* The flowsheet as a Graphviz DOT graph: units as nodes shaped by kind, streams as edges
 * labelled with their name and, after a solve, their mass flow and main species. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/species.h"
#include "tandem/unit.h"

/* A DOT string: quoted, with quotes and backslashes escaped. */
static void
dot_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

/* Node shape and fill as the unit's kind gives them (cells and reactors as coloured boxes,
 * splitting and mixing as small shapes, what crosses the boundary as plain ovals); a kind
 * that gives none is a white box. */
static void
node_style(const tdm_unit *u, const char **shape, const char **fill)
{
    *shape = u->kind->shape ? u->kind->shape : "box";
    *fill = u->kind->fill ? u->kind->fill : "white";
}

/* "12.3 t/day: 60 % C2H4, 30 % CO" from a stream's flows. */
static void
flow_text(const tdm_results *res, int s, char *buf, size_t n)
{
    const tdm_stream_state *st = &res->streams[s];
    const tdm_flowsheet *fs = res->fs;
    double tday = st->mass * 86400 / 1000;
    int len = snprintf(buf, n, "%.4g t/day", tday);
    if (!(st->mass > 0) || len < 0 || (size_t)len >= n) return;
    /* the two largest species by mass, above 1 % */
    int top[2] = {-1, -1};
    for (int k = 0; k < res->nspecies; k++) {
        double m = st->flow[k] * tdm_flowsheet_species_at(fs, k)->molar_mass;
        if (!(m > 0.01 * st->mass)) continue;
        if (top[0] < 0 || m > st->flow[top[0]] * tdm_flowsheet_species_at(fs, top[0])->molar_mass) {
            top[1] = top[0];
            top[0] = k;
        } else if (top[1] < 0 ||
                   m > st->flow[top[1]] * tdm_flowsheet_species_at(fs, top[1])->molar_mass) {
            top[1] = k;
        }
    }
    for (int i = 0; i < 2 && top[i] >= 0; i++) {
        const tdm_species *sp = tdm_flowsheet_species_at(fs, top[i]);
        double share = st->flow[top[i]] * sp->molar_mass / st->mass;
        len += snprintf(buf + len, n - (size_t)len, "%s%.0f %% %s", i ? ", " : ": ", 100 * share,
                        sp->name);
        if ((size_t)len >= n) return;
    }
}

int
tdm_report_diagram(FILE *f, const tdm_flowsheet *fs, const tdm_results *res)
{
    fputs("digraph flowsheet {\n  rankdir=LR;\n  label=", f);
    dot_str(f, tdm_flowsheet_title(fs));
    fputs(";\n  labelloc=t;\n  fontname=\"Helvetica\";\n"
          "  node [fontname=\"Helvetica\", fontsize=11, style=filled];\n"
          "  edge [fontname=\"Helvetica\", fontsize=9];\n",
          f);
    for (int i = 0; i < tdm_flowsheet_nunits(fs); i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const char *shape, *fill;
        node_style(u, &shape, &fill);
        char label[300];
        snprintf(label, sizeof label, "%s\n%s", u->name, u->kind->name);
        fprintf(f, "  u%d [label=", i);
        dot_str(f, label);
        fprintf(f, ", shape=%s, fillcolor=\"%s\"];\n", shape, fill);
    }
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++) {
        int from = tdm_flowsheet_stream_source(fs, s), to = tdm_flowsheet_stream_sink(fs, s);
        if (from < 0 || to < 0) continue; /* a loaded flowsheet has none dangling */
        char label[400];
        int len = snprintf(label, sizeof label, "%s", tdm_flowsheet_stream_name(fs, s));
        if (res && len > 0 && (size_t)len < sizeof label - 1) {
            label[len++] = '\n';
            flow_text(res, s, label + len, sizeof label - (size_t)len);
        }
        fprintf(f, "  u%d -> u%d [label=", from, to);
        dot_str(f, label);
        fputs("];\n", f);
    }
    fputs("}\n", f);
    return ferror(f) ? -1 : 0;
}
