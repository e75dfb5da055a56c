/* assumptions.c: the assumptions a priced plant rests on, for the reports: every value of
 * the scenario in force (what the file gives and the defaults it leaves), the operating
 * hours, the indirect costs by name, the stacks' lifetimes and every price the plant pays or
 * earns, each with its source and where it came from (tandem/tea.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/tea.h"

/* The scenario's keys in the order a reader of a cost report looks for them, with the value
 * tandem takes when the file leaves a key out (src/tea/scenario.c, interpret). */
static const struct {
    const char *key, *group, *name, *dflt;
} keys[] = {
    {"convention", "finance", "cost convention", "dcf"},
    {"year", "finance", "currency year", NULL},
    {"discount_rate", "finance", "discount rate", "10 %"},
    {"tax_rate", "finance", "income tax rate", "21 %"},
    {"depreciation", "finance", "depreciation", "macrs 7"},
    {"working_capital", "finance", "working capital, of fixed capital", "0 %"},
    {"construction", "finance", "construction", "1 yr"},
    {"plant_life", "finance", "plant life", "20 yr"},
    {"additional_cost", "finance", "additional cost, of the total", "0 %"},
    {"capacity_factor", "operation", "capacity factor", "0.9"},
    {"maintenance", "operation", "maintenance a year, of installed cost (where an item gives none)",
     "0 %"},
    {"insurance", "operation", "insurance a year, of fixed capital", "0 %"},
    {"labour", "operation", "labour, a fixed figure", "0 $/yr"},
    {"operator_wage", "operation", "an operator's wage (labour by Turton's rule)", "0 $/yr"},
    {"stack_life", "stacks", "stack life (replaces each stack item's own)", NULL},
    {"equipment", "cost data", "equipment cost curves", "equipment.csv"},
    {"prices", "cost data", "prices", "prices.csv"},
    {"index", "cost data", "cost index", "cepci.csv"},
};

typedef struct list {
    tdm_assumption *a;
    int n, max;
} list;

static tdm_assumption *
add(list *l, const char *group, const char *name)
{
    if (l->n >= l->max) return NULL;
    tdm_assumption *a = &l->a[l->n++];
    *a = (tdm_assumption){.group = group, .name = name};
    return a;
}

/* value, source and origin of a key of the scenario file (kv NULL: the default) */
static void
from_key(tdm_assumption *a, const tdm_scenario *s, const char *section, const tdm_kv *kv,
         const char *dflt)
{
    if (!kv) {
        snprintf(a->value, sizeof a->value, "%s", dflt ? dflt : "-");
        a->source = "tandem's default (docs/economics.md)";
        snprintf(a->origin, sizeof a->origin, "default");
        return;
    }
    snprintf(a->value, sizeof a->value, "%s", kv->value);
    if (kv->set) {
        a->set = true;
        a->source = "the command line";
        snprintf(a->origin, sizeof a->origin, "--set scenario.%s%s%s",
                 strcmp(section, "scenario") ? section : "", strcmp(section, "scenario") ? "." : "",
                 kv->key);
        return;
    }
    a->source = tdm_scenario_cite(s, kv->comment);
    snprintf(a->origin, sizeof a->origin, "%s:%d", s->path, kv->line);
}

static void
price(list *l, const tdm_scenario *s, const char *item, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->a[i].group, "prices") && !strcmp(l->a[i].name, name)) return;
    const tdm_price *p = tdm_scenario_price(s, item);
    tdm_assumption *a = add(l, "prices", name);
    if (!a) return;
    if (!p) {
        snprintf(a->value, sizeof a->value, "none: not counted");
        snprintf(a->origin, sizeof a->origin, "%s", s->files[1]);
        return;
    }
    snprintf(a->value, sizeof a->value, "%.6g %s (%d $)", p->shown, p->unit, p->year);
    a->source = p->source;
    snprintf(a->origin, sizeof a->origin, "%s:%d", p->file, p->line);
    if (p->file == s->path) { /* the scenario's own [prices]: perhaps from --set */
        const tdm_section *ps = tdm_ini_section(&s->doc, "prices");
        const tdm_kv *kv = ps ? tdm_ini_kv(ps, item) : NULL;
        if (kv && kv->set) {
            a->set = true;
            a->source = "the command line";
            snprintf(a->origin, sizeof a->origin, "--set scenario.prices.%s", item);
        }
    }
}

int
tdm_tea_assumptions(const tdm_tea *t, const tdm_results *res, tdm_assumption *out, int max)
{
    const tdm_scenario *s = t->sc;
    list l = {out, 0, max};
    const tdm_section *sec = tdm_ini_section(&s->doc, "scenario");
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        const tdm_kv *kv = sec ? tdm_ini_kv(sec, keys[k].key) : NULL;
        if (!kv && !keys[k].dflt) {
            if (strcmp(keys[k].key, "stack_life")) continue;
        }
        tdm_assumption *a = add(&l, keys[k].group, keys[k].name);
        if (!a) break;
        if (!kv && !strcmp(keys[k].key, "stack_life")) {
            snprintf(a->value, sizeof a->value, "each stack item's own lifetime");
            a->source = "tandem's default (docs/economics.md)";
            snprintf(a->origin, sizeof a->origin, "default");
        } else {
            from_key(a, s, "scenario", kv, keys[k].dflt);
        }
        if (!strcmp(keys[k].key, "capacity_factor") &&
            (a = add(&l, "operation", "operating hours"))) {
            snprintf(a->value, sizeof a->value, "%.0f h/yr", t->hours);
            a->source = "capacity factor x 8760 h";
            snprintf(a->origin, sizeof a->origin, "derived");
        }
    }
    for (int i = 0; sec && i < sec->nkv; i++) {
        if (strncmp(sec->kv[i].key, "indirect.", 9) != 0) continue;
        tdm_assumption *a = add(&l, "indirect costs", sec->kv[i].key + 9);
        if (!a) break;
        from_key(a, s, "scenario", &sec->kv[i], NULL);
        size_t n = strlen(a->value);
        snprintf(a->value + n, sizeof a->value - n, " of direct cost");
    }
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *c = &t->capex[i];
        if (strcmp(c->category, "stack") != 0) continue;
        tdm_assumption *a = add(&l, "stacks", c->item);
        if (!a) break;
        snprintf(a->value, sizeof a->value, "replaced every %.4g yr", c->lifetime);
        const tdm_equipment *e = tdm_scenario_equipment(s, c->item);
        if (s->stack_life > 0) {
            a->source = "the scenario's stack_life";
            snprintf(a->origin, sizeof a->origin, "stack_life");
        } else if (e) {
            a->source = e->source;
            snprintf(a->origin, sizeof a->origin, "%s:%d", e->file, e->line);
        }
    }
    /* every price the plant pays or earns: utilities, feeds, by-products, its product */
    static const struct {
        const char *item, *name;
    } util[] = {{"electricity", "electricity"},
                {"heat", "heat"},
                {"heat_high", "heat above 400 C"},
                {"cooling", "cooling"}};
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *o = &t->opex[i];
        if (!strcmp(o->group, "utilities")) {
            for (size_t u = 0; u < sizeof util / sizeof *util; u++)
                if (!strncmp(o->name, util[u].name, strlen(util[u].name)) &&
                    (o->name[strlen(util[u].name)] == '\0' || o->name[strlen(util[u].name)] == ':'))
                    price(&l, s, util[u].item, util[u].name);
        } else if (!strcmp(o->group, "feeds") || !strcmp(o->group, "by-products")) {
            price(&l, s, o->name, o->name);
        }
    }
    const tdm_flowsheet *fs = res->fs;
    const char *prod = tdm_flowsheet_species_info(fs, tdm_flowsheet_main_product(fs))->name;
    if (tdm_scenario_price(s, prod)) price(&l, s, prod, prod);
    return l.n;
}
