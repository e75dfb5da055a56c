#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/unit.h"

const char cmd_kinds_help[] =
    "usage: tandem kinds [KIND]\n"
    "\n"
    "Lists the unit kinds a flowsheet may use; with KIND, its ports and keys.\n";

const cli_option cmd_kinds_options[] = {NULL};

static void
describe(const tdm_unit_kind *k)
{
    printf("%s: %s\n  ports:\n", k->name, k->summary);
    for (const tdm_port_spec *p = k->ports; p->key; p++) {
        char count[32];
        if (p->min == p->max)
            snprintf(count, sizeof count, "%d", p->min);
        else
            snprintf(count, sizeof count, "%d-%d", p->min, p->max);
        printf("    %-24s %-4s %-6s %s\n", p->key, p->dir == TDM_PORT_IN ? "in" : "out", count,
               p->doc);
    }
    printf("  keys:\n");
    for (const tdm_key_spec *s = k->keys; s->key; s++)
        printf("    %-24s %s\n", s->key, s->doc);
}

int
cmd_kinds(cli_run *r)
{
    const cli_args *a = &r->a;
    for (int i = 0; i < tdm_unit_kind_count(); i++) {
        const tdm_unit_kind *k = tdm_unit_kind_get(i);
        if (a->nfiles == 1 && strcmp(k->name, a->files[0]) != 0) continue;
        if (a->nfiles == 1)
            describe(k);
        else
            printf("%-14s %s\n", k->name, k->summary);
        if (a->nfiles == 1) return 0;
    }
    if (a->nfiles == 1) {
        fprintf(stderr, "tandem kinds: unknown kind `%s`\n", a->files[0]);
        return 2;
    }
    return 0;
}
