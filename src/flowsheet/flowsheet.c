/* Reading a flowsheet: INI text -> sections (inih) -> units joined by streams. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "internal.h"
#include "read.h"
#include "table.h"
#include "tandem/ini.h"
#include "tandem/species.h"
#include "text.h"

/* ---- units and streams ------------------------------------------------------------------- */

/* "a feed", "an electrolyzer" */
static const char *
article(const char *word)
{
    return strchr("aeiou", word[0]) ? "an" : "a";
}

static const tdm_kv *
sec_kv(const tdm_section *s, const char *key)
{
    return tdm_ini_kv(s, key);
}

/* Writes the text of a number set in place (strmap.h's tdm_lazies). */
static int
write_lazy(tdm_flowsheet *fs, tdm_kv *kv)
{
    return tdm_lazy_write(&fs->lazy, &fs->set_values, fs->arena, kv);
}

/* Every key of a unit as text, before its section is read again. */
static int
write_lazy_unit(tdm_flowsheet *fs, const tdm_unit *u)
{
    for (int i = 0; i < u->sec->nkv; i++)
        if (write_lazy(fs, &u->sec->kv[i])) return -1;
    return 0;
}

/* A unit's key, its text up to date. */
static const tdm_kv *
unit_kv(const tdm_unit *u, const char *key)
{
    const tdm_kv *kv = sec_kv(u->sec, key);
    /* the flowsheet owns its sections; out of memory keeps the old text */
    if (kv && kv->lazy) write_lazy(u->fs, (tdm_kv *)kv);
    return kv;
}

static int
stream_get(tdm_flowsheet *fs, const char *name)
{
    int known = tdm_strmap_find(&fs->stream_names, name);
    if (known >= 0) return known;
    if (fs->nstreams == fs->capstreams) {
        int cap = fs->capstreams ? 2 * fs->capstreams : 32;
        struct fs_stream *p = realloc(fs->streams, (size_t)cap * sizeof *p);
        if (!p) return -1;
        fs->streams = p;
        fs->capstreams = cap;
    }
    fs->streams[fs->nstreams] = (struct fs_stream){
        .name = tdm_arena_strdup(fs->arena, name), .src = -1, .dst = -1, .col0 = -1};
    if (!fs->streams[fs->nstreams].name ||
        tdm_strmap_put(&fs->stream_names, fs->streams[fs->nstreams].name, fs->nstreams))
        return -1;
    return fs->nstreams++;
}

static bool
key_known(const tdm_unit_kind *k, const char *key)
{
    if (strcmp(key, "kind") == 0 || strcmp(key, "optional") == 0) return true;
    if (k->size && strcmp(key, "equipment") == 0) return true;
    for (const tdm_port_spec *p = k->ports; p->key; p++)
        if (strcmp(p->key, key) == 0) return true;
    for (const tdm_key_spec *s = k->keys; s->key; s++) {
        size_t n = strlen(s->key);
        if (n >= 2 && s->key[n - 1] == '*') {
            if (strncmp(s->key, key, n - 1) == 0 && key[n - 1] != '\0') return true;
        } else if (strcmp(s->key, key) == 0) {
            return true;
        }
    }
    return false;
}

static int
check_keys(tdm_flowsheet *fs, const tdm_unit *u, tdm_error *err)
{
    const tdm_unit_kind *k = u->kind;
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strcmp(kv->key, "optional") == 0 && strcmp(kv->value, "yes") && strcmp(kv->value, "no"))
            return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                              "[%s] `optional` is yes (the optimizer may leave the unit out) or "
                              "no",
                              u->name);
        if (key_known(k, kv->key)) continue;
        const char *cand[128];
        int n = 0;
        cand[n++] = "kind";
        cand[n++] = "optional";
        if (k->size) cand[n++] = "equipment";
        for (const tdm_port_spec *p = k->ports; p->key && n < 128; p++)
            cand[n++] = p->key;
        for (const tdm_key_spec *s = k->keys; s->key && n < 128; s++)
            cand[n++] = s->key;
        char what[80];
        snprintf(what, sizeof what, "%s %s", article(k->name), k->name);
        /* `kind` is accepted but not offered: a unit without one is refused before this */
        return tdm_read_unknown_key(&(tdm_reader){fs->path, u->name, u->sec}, kv, what, cand + 1,
                                    n - 1, err);
    }
    return 0;
}

static int
read_ports(tdm_flowsheet *fs, tdm_unit *u, tdm_error *err)
{
    const tdm_unit_kind *k = u->kind;
    int np = 0;
    while (k->ports[np].key)
        np++;
    u->ports = tdm_arena_calloc(fs->arena, (size_t)(np ? np : 1), sizeof(tdm_port));
    if (!u->ports) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int p = 0; p < np; p++) {
        const tdm_port_spec *ps = &k->ports[p];
        const tdm_kv *kv = unit_kv(u, ps->key);
        if (!kv) {
            if (ps->min > 0)
                return tdm_errorf(err, TDM_EINPUT, fs->path, u->sec->line,
                                  "[%s] %s %s needs `%s` (%s)", u->name, article(k->name), k->name,
                                  ps->key, ps->doc);
            continue;
        }
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", kv->value);
        char *items[256];
        int n = tdm_text_split(buf, items, 256);
        if (n < 0 || kv->value[0] == '\0')
            return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                              "[%s] `%s` must list stream names separated by commas", u->name,
                              ps->key);
        if (n < ps->min || n > ps->max) {
            if (ps->min == ps->max || ps->max == 1)
                return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                                  "[%s] `%s` takes %d stream%s, not %d", u->name, ps->key, ps->max,
                                  ps->max == 1 ? "" : "s", n);
            return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                              "[%s] `%s` takes %d to %d streams, not %d", u->name, ps->key, ps->min,
                              ps->max, n);
        }
        u->ports[p].streams = tdm_arena_calloc(fs->arena, (size_t)n, sizeof(int));
        if (!u->ports[p].streams) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        u->ports[p].n = n;
        u->ports[p].line = kv->line;
        for (int i = 0; i < n; i++) {
            if (!tdm_ini_valid_name(items[i]))
                return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                                  "[%s] stream name `%s` is not valid: use letters, digits, `_`, "
                                  "`-`, `.`",
                                  u->name, items[i]);
            int s = stream_get(fs, items[i]);
            if (s < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            struct fs_stream *st = &fs->streams[s];
            if (ps->dir == TDM_PORT_OUT) {
                if (st->src >= 0)
                    return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                                      "[%s] stream `%s` already has a source: [%s] at line %d; a "
                                      "stream has exactly one source and one sink",
                                      u->name, st->name, fs->units[st->src].name, st->src_line);
                st->src = u->index;
                st->src_line = kv->line;
            } else {
                if (st->dst >= 0)
                    return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                                      "[%s] stream `%s` already goes to [%s] at line %d; a stream "
                                      "has exactly one source and one sink (use a splitter to "
                                      "divide it)",
                                      u->name, st->name, fs->units[st->dst].name, st->dst_line);
                st->dst = u->index;
                st->dst_line = kv->line;
            }
            u->ports[p].streams[i] = s;
        }
    }
    return 0;
}

static int
use_species(tdm_flowsheet *fs, int id)
{
    if (id < 0) return -1;
    if (fs->local[id] >= 0) return 0;
    if (fs->built) return -2;
    fs->local[id] = fs->nspecies;
    fs->species[fs->nspecies++] = id;
    return 0;
}

/* [species.NAME]: a species of this flowsheet, with its data and their source. */
static int
custom_species(tdm_flowsheet *fs, const tdm_section *s, tdm_error *err)
{
    static const char *const keys[] = {"formula", "common_name", "charge", "phase",
                                       "hf",      "gf",          "tb",     "hf_other_phase",
                                       "cp",      "cp_gas",      "source"};
    enum { NKEYS = sizeof keys / sizeof *keys };
    const char *name = s->name + strlen("species.");
    for (int i = 0; i < s->nkv; i++) {
        bool ok = false;
        for (int k = 0; k < NKEYS; k++)
            ok |= !strcmp(s->kv[i].key, keys[k]);
        if (!ok)
            return tdm_read_unknown_key(&(tdm_reader){fs->path, s->name, s}, &s->kv[i], NULL, keys,
                                        NKEYS, err);
    }
    if (!*name || !tdm_ini_valid_name(name))
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] needs a species name after `species.`", s->name);
    if (tdm_flowsheet_find_species(fs, name) >= 0)
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] species `%s` exists already (`tandem species` lists the "
                          "built-in ones)",
                          s->name, name);
    /* species ids (built-in, then the file's own) must stay below TDM_MAX_SPECIES: the
     * kinds keep tables by id */
    int most = TDM_MAX_CUSTOM_SPECIES < TDM_MAX_SPECIES - tdm_species_count()
                   ? TDM_MAX_CUSTOM_SPECIES
                   : TDM_MAX_SPECIES - tdm_species_count();
    if (fs->ncustom == most)
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] too many species of the flowsheet's own (limit %d)", s->name, most);
    tdm_species *sp = &fs->custom[fs->ncustom];
    memset(sp, 0, sizeof *sp);
    sp->name = name;
    sp->hf_alt = NAN;
    const tdm_kv *kv = sec_kv(s, "formula");
    if (!kv || tdm_formula_parse(kv->value, sp->el))
        return tdm_errorf(err, TDM_EINPUT, fs->path, kv ? kv->line : s->line,
                          "[%s] %s: give `formula` with C, H, O, N, B and counts, e.g. C6H14O2 "
                          "or CH1.8O0.5N0.2",
                          s->name, kv ? "cannot read the formula" : "no formula");
    sp->molar_mass = tdm_molar_mass(sp->el);
    kv = sec_kv(s, "common_name");
    sp->common = kv ? kv->value : name;
    kv = sec_kv(s, "charge");
    if (kv) {
        char *end;
        long c = strtol(kv->value, &end, 10);
        if (*end || end == kv->value || c < -4 || c > 4)
            return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                              "[%s] `charge = %s` must be a whole number from -4 to 4", s->name,
                              kv->value);
        sp->charge = (int)c;
    }
    kv = sec_kv(s, "phase");
    static const char *const phases[] = {"gas", "liquid", "solid", "aqueous"};
    int ph = -1;
    for (int i = 0; kv && i < 4; i++)
        if (!strcmp(kv->value, phases[i])) ph = i;
    if (ph < 0)
        return tdm_errorf(err, TDM_EINPUT, fs->path, kv ? kv->line : s->line,
                          "[%s] `phase` must be gas, liquid, solid or aqueous (the phase of hf "
                          "and gf at 25 C)",
                          s->name);
    sp->phase = (enum tdm_phase)ph;
    const double big = 1e8; /* J/mol: beyond any formation energy */
    const tdm_reader rd = {fs->path, s->name, s};
    int h = tdm_read_quantity(&rd, "hf", TDM_Q_ENERGY_PER_MOL, -big, big, &sp->hf, err);
    if (h < 0) return -1;
    int g = tdm_read_quantity(&rd, "gf", TDM_Q_ENERGY_PER_MOL, -big, big, &sp->gf, err);
    if (g < 0) return -1;
    if (!h || !g)
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] needs `hf` and `gf` (kJ/mol, at 25 C in its phase)", s->name);
    if (tdm_read_quantity(&rd, "tb", TDM_Q_TEMPERATURE, 1, 3000, &sp->tb, err) < 0 ||
        tdm_read_quantity(&rd, "hf_other_phase", TDM_Q_ENERGY_PER_MOL, -big, big, &sp->hf_alt,
                          err) < 0 ||
        tdm_read_quantity(&rd, "cp", TDM_Q_HEAT_CAPACITY, 0, 1e4, &sp->cp_cond, err) < 0 ||
        tdm_read_quantity(&rd, "cp_gas", TDM_Q_HEAT_CAPACITY, 0, 1e4, &sp->cp_gas, err) < 0)
        return -1;
    if (isfinite(sp->hf_alt) && !(sp->tb > 0))
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] `hf_other_phase` needs `tb`, the boiling point where the phase "
                          "changes",
                          s->name);
    kv = sec_kv(s, "source");
    if (!kv)
        return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                          "[%s] needs `source`: where hf, gf and the heat capacities come from",
                          s->name);
    if (strlen(kv->value) < 4)
        return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                          "[%s] `source = %s` is too short to say where hf, gf and the heat "
                          "capacities come from",
                          s->name, kv->value);
    sp->source = kv->value;
    fs->ncustom++;
    return 0;
}

static const char *
species_suggest(const tdm_flowsheet *fs, const char *name)
{
    const char *cand[2 * TDM_MAX_CUSTOM_SPECIES];
    int n = 0;
    for (int i = 0; i < fs->ncustom; i++)
        cand[n++] = fs->custom[i].name;
    const char *near = tdm_text_nearest(name, cand, n);
    return near ? near : tdm_species_suggest(name);
}

static int
flowsheet_section(tdm_flowsheet *fs, tdm_error *err)
{
    const tdm_section *s = fs->fsec;
    static const char *const keys[] = {"title", "description", "main_product", "key_reactant",
                                       "scenario"};
    for (int i = 0; s && i < s->nkv; i++) {
        bool ok = false;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            ok |= !strcmp(s->kv[i].key, keys[k]);
        if (!ok)
            return tdm_read_unknown_key(&(tdm_reader){fs->path, "flowsheet", s}, &s->kv[i], NULL,
                                        keys, 5, err);
    }
    const tdm_kv *kv = sec_kv(s, "title");
    fs->title = kv ? kv->value : fs->path;
    kv = sec_kv(s, "description");
    fs->description = kv ? kv->value : "";
    kv = sec_kv(s, "scenario");
    fs->scenario = kv ? kv->value : NULL;
    fs->scenario_line = kv ? kv->line : 0;
    kv = sec_kv(s, "main_product");
    if (!kv)
        return tdm_errorf(err, TDM_EINPUT, fs->path, s ? s->line : 1,
                          "%s the main product is not named: add `main_product = C2H4` (a species) "
                          "to [flowsheet]",
                          s ? "[flowsheet]" : "no [flowsheet] section:");
    fs->main_product = tdm_flowsheet_find_species(fs, kv->value);
    if (fs->main_product < 0) {
        const char *near = species_suggest(fs, kv->value);
        return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                          "[flowsheet] unknown species `%s` for main_product%s%s%s; `tandem "
                          "species` lists them",
                          kv->value, near ? "; did you mean `" : "", near ? near : "",
                          near ? "`?" : "");
    }
    use_species(fs, fs->main_product);
    kv = sec_kv(s, "key_reactant");
    fs->key_reactant = tdm_flowsheet_find_species(fs, kv ? kv->value : "CO2");
    if (fs->key_reactant < 0)
        return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                          "[flowsheet] unknown species `%s` for key_reactant", kv->value);
    return 0;
}

/* A stream named as an inlet that no unit sends, and one sent that no unit takes, with near
 * names: a typo (`in = gass` for `gas`). Said at the inlet's line, naming both, instead of
 * "`gas` goes nowhere" at the line of the unit that sends the real stream. */
static int
misspelled_stream(const tdm_flowsheet *fs, tdm_error *err)
{
    const char *loose[256];
    int idx[256], n = 0;
    for (int i = 0; i < fs->nstreams && n < 256; i++)
        if (fs->streams[i].dst < 0 && fs->streams[i].src >= 0) {
            idx[n] = i;
            loose[n++] = fs->streams[i].name;
        }
    for (int i = 0; i < fs->nstreams && n; i++) {
        const struct fs_stream *st = &fs->streams[i];
        if (st->src >= 0) continue;
        const char *near = tdm_text_nearest(st->name, loose, n);
        if (!near) continue;
        int k = 0;
        while (loose[k] != near)
            k++;
        const struct fs_stream *o = &fs->streams[idx[k]];
        return tdm_errorf(err, TDM_EINPUT, fs->path, st->dst_line,
                          "[%s] stream `%s` comes from no unit; did you mean `%s`, the outlet of "
                          "[%s] (line %d) that goes nowhere?",
                          fs->units[st->dst].name, st->name, near, fs->units[o->src].name,
                          o->src_line);
    }
    return 0;
}

/* [consumables]: what the plant uses up outside its balances (an enzyme, a catalyst), each
 * `ITEM = amount per amount of the main product` (`1 kg/t`), priced by the cost data. */
static int
consumables_section(tdm_flowsheet *fs, tdm_error *err)
{
    const tdm_section *s = fs->csec;
    for (int i = 0; s && i < s->nkv; i++) {
        const tdm_kv *kv = &s->kv[i];
        double v;
        tdm_dim d;
        char why[160];
        if (tdm_quantity_parse(kv->value, &v, &d, why, sizeof why) ||
            !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_FRACTION)) || !(v > 0 && v <= 1e3))
            return tdm_errorf(err, TDM_EINPUT, fs->path, kv->line,
                              "[consumables] `%s = %s`: give the amount used per amount of the "
                              "main product made, above zero, e.g. 1 kg/t",
                              kv->key, kv->value);
    }
    return 0;
}

static int
make_units(tdm_flowsheet *fs, tdm_error *err)
{
    int nunits = 0;
    for (int i = 0; i < fs->nsecs; i++)
        if (strcmp(fs->secs[i].name, "flowsheet") == 0)
            fs->fsec = &fs->secs[i];
        else if (strcmp(fs->secs[i].name, "optimize") == 0)
            fs->osec = &fs->secs[i];
        else if (strcmp(fs->secs[i].name, "uncertainty") == 0)
            fs->usec = &fs->secs[i];
        else if (strcmp(fs->secs[i].name, "consumables") == 0)
            fs->csec = &fs->secs[i];
        else if (strncmp(fs->secs[i].name, "species.", 8) == 0) {
            if (custom_species(fs, &fs->secs[i], err)) return -1;
        } else
            nunits++;
    if (flowsheet_section(fs, err) || consumables_section(fs, err)) return -1;
    fs->units = tdm_arena_calloc(fs->arena, (size_t)(nunits ? nunits : 1), sizeof(tdm_unit));
    if (!fs->units) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int i = 0; i < fs->nsecs; i++) {
        const tdm_section *s = &fs->secs[i];
        if (s == fs->fsec || s == fs->osec || s == fs->usec || s == fs->csec ||
            strncmp(s->name, "species.", 8) == 0)
            continue;
        /* `scenario.KEY` in --set and [uncertainty] means the cost scenario: a unit of that
         * name loaded, and its keys could then never be changed */
        if (!strcmp(s->name, "scenario"))
            return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                              "[scenario] is a reserved name (`scenario.KEY` changes the cost "
                              "scenario); give the unit another name");
        tdm_unit *u = &fs->units[fs->nunits];
        *u = (tdm_unit){.index = fs->nunits, .name = s->name, .sec = s, .fs = fs};
        if (tdm_strmap_put(&fs->unit_names, s->name, fs->nunits))
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        fs->nunits++;
        const tdm_kv *kind = sec_kv(s, "kind");
        if (!kind)
            return tdm_errorf(err, TDM_EINPUT, fs->path, s->line,
                              "[%s] has no `kind` (feed, product, mixer, splitter, separator, "
                              "electrolyzer)",
                              s->name);
        u->kind = tdm_unit_kind_find(kind->value);
        if (!u->kind) {
            const char *names[64];
            int n = tdm_unit_kind_count();
            for (int k = 0; k < n && k < 64; k++)
                names[k] = tdm_unit_kind_get(k)->name;
            const char *near = tdm_text_nearest(kind->value, names, n < 64 ? n : 64);
            return tdm_errorf(err, TDM_EINPUT, fs->path, kind->line,
                              "[%s] unknown kind `%s`%s%s%s; `tandem kinds` lists them", s->name,
                              kind->value, near ? "; did you mean `" : "", near ? near : "",
                              near ? "`?" : "");
        }
        if (check_keys(fs, u, err) || read_ports(fs, u, err)) return -1;
    }
    for (int i = 0; i < fs->nunits; i++) {
        tdm_unit *u = &fs->units[i];
        u->data = tdm_arena_alloc(fs->arena, u->kind->data_size ? u->kind->data_size : 1);
        if (!u->data) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        u->warning = NULL;
        if (u->kind->parse(u, err)) return -1;
    }
    if (misspelled_stream(fs, err)) return -1;
    for (int i = 0; i < fs->nstreams; i++) {
        const struct fs_stream *st = &fs->streams[i];
        if (st->src < 0)
            return tdm_errorf(err, TDM_EINPUT, fs->path, st->dst_line,
                              "stream `%s` (inlet of [%s]) has no source: name it as an outlet of "
                              "a unit, or add a feed",
                              st->name, fs->units[st->dst].name);
        if (st->dst < 0)
            return tdm_errorf(err, TDM_EINPUT, fs->path, st->src_line,
                              "stream `%s` (outlet of [%s]) goes nowhere: name it as an inlet of a "
                              "unit, or add a product",
                              st->name, fs->units[st->src].name);
        if (st->src == st->dst)
            return tdm_errorf(err, TDM_EINPUT, fs->path, st->dst_line,
                              "stream `%s` leaves and enters [%s] itself", st->name,
                              fs->units[st->src].name);
    }
    if (fs->nunits == 0)
        return tdm_errorf(err, TDM_EINPUT, fs->path, 0, "the flowsheet has no units");
    return 0;
}

int
tdm_flowsheet_load_string(const char *text, size_t len, const char *path, tdm_flowsheet **out,
                          tdm_error *err)
{
    *out = NULL;
    tdm_flowsheet *fs = calloc(1, sizeof *fs);
    if (!fs) return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    fs->arena = tdm_arena_new();
    if (!fs->arena) {
        free(fs);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    }
    fs->path = tdm_arena_strdup(fs->arena, path);
    if (!fs->path) {
        tdm_flowsheet_free(fs);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    }
    for (int i = 0; i < TDM_MAX_SPECIES; i++)
        fs->local[i] = -1;
    fs->main_product = fs->key_reactant = -1;
    if (len > tdm_max_file_bytes()) {
        tdm_errorf(err, TDM_EINPUT, path, 0, "file is too large (%zu bytes; the limit is %zu)", len,
                   tdm_max_file_bytes());
        tdm_flowsheet_free(fs);
        return -1;
    }
    tdm_ini doc = {.arena = fs->arena, .path = fs->path};
    int rc = tdm_ini_read(&doc, text, len, TDM_MAX_UNITS + 1, err);
    fs->secs = doc.secs;
    fs->nsecs = doc.nsecs;
    fs->capsecs = doc.capsecs;
    if (rc) {
        tdm_flowsheet_free(fs);
        return -1;
    }
    if (fs->nsecs == 0) {
        tdm_errorf(err, TDM_EINPUT, path, 0,
                   "the file holds no sections; a flowsheet needs [flowsheet] and its units");
        tdm_flowsheet_free(fs);
        return -1;
    }
    if (make_units(fs, err)) {
        tdm_flowsheet_free(fs);
        return -1;
    }
    *out = fs;
    return 0;
}

int
tdm_flowsheet_load(const char *path, tdm_flowsheet **out, tdm_error *err)
{
    *out = NULL;
    char *buf;
    size_t len;
    if (tdm_read_file(path, &buf, &len, err)) return -1;
    int rc = tdm_flowsheet_load_string(buf, len, path, out, err);
    free(buf);
    return rc;
}

void
tdm_flowsheet_free(tdm_flowsheet *fs)
{
    if (!fs) return;
    free(fs->secs);
    free(fs->streams);
    tdm_strmap_free(&fs->stream_names);
    tdm_strmap_free(&fs->unit_names);
    tdm_valbufs_free(&fs->set_values);
    tdm_strmap_free(&fs->interned);
    free(fs->texts);
    free(fs->pending);
    tdm_lazies_free(&fs->lazy);
    tdm_arena_free(fs->arena);
    free(fs);
}

/* ---- accessors ---------------------------------------------------------------------------- */

const char *
tdm_flowsheet_path(const tdm_flowsheet *fs)
{
    return fs->path;
}
const char *
tdm_flowsheet_title(const tdm_flowsheet *fs)
{
    return fs->title;
}
tdm_arena *
tdm_flowsheet_arena(const tdm_flowsheet *fs)
{
    return fs->arena;
}

const char *
tdm_flowsheet_intern(tdm_flowsheet *fs, const char *text)
{
    int i = tdm_strmap_find(&fs->interned, text);
    if (i >= 0) return fs->texts[i];
    if (fs->ntexts == fs->captexts) {
        int cap = fs->captexts ? 2 * fs->captexts : 16;
        const char **p = realloc(fs->texts, (size_t)cap * sizeof *p);
        if (!p) return NULL;
        fs->texts = p;
        fs->captexts = cap;
    }
    const char *copy = tdm_arena_strdup(fs->arena, text);
    if (!copy || tdm_strmap_put(&fs->interned, copy, fs->ntexts)) return NULL;
    fs->texts[fs->ntexts] = copy;
    return fs->texts[fs->ntexts++];
}

const tdm_section *
tdm_flowsheet_optimize_section(const tdm_flowsheet *fs)
{
    return fs->osec;
}

const tdm_section *
tdm_flowsheet_uncertainty_section(const tdm_flowsheet *fs)
{
    return fs->usec;
}

const tdm_section *
tdm_flowsheet_consumables_section(const tdm_flowsheet *fs)
{
    return fs->csec;
}

const char *
tdm_flowsheet_scenario(const tdm_flowsheet *fs, int *line)
{
    if (line) *line = fs->scenario_line;
    return fs->scenario;
}

const char *
tdm_flowsheet_description(const tdm_flowsheet *fs)
{
    return fs->description;
}
int
tdm_flowsheet_main_product(const tdm_flowsheet *fs)
{
    return fs->main_product;
}
int
tdm_flowsheet_key_reactant(const tdm_flowsheet *fs)
{
    return fs->key_reactant;
}
int
tdm_flowsheet_nunits(const tdm_flowsheet *fs)
{
    return fs->nunits;
}
const tdm_unit *
tdm_flowsheet_unit(const tdm_flowsheet *fs, int i)
{
    TDM_CONTRACT(i >= 0 && i < fs->nunits);
    return &fs->units[i];
}
int
tdm_flowsheet_nstreams(const tdm_flowsheet *fs)
{
    return fs->nstreams;
}
const char *
tdm_flowsheet_stream_name(const tdm_flowsheet *fs, int s)
{
    return fs->streams[s].name;
}
int
tdm_flowsheet_stream_source(const tdm_flowsheet *fs, int s)
{
    return fs->streams[s].src;
}
int
tdm_flowsheet_stream_sink(const tdm_flowsheet *fs, int s)
{
    return fs->streams[s].dst;
}
int
tdm_flowsheet_stream_col(const tdm_flowsheet *fs, int s)
{
    return fs->streams[s].col0;
}
int
tdm_flowsheet_nspecies(const tdm_flowsheet *fs)
{
    return fs->nspecies;
}
int
tdm_flowsheet_species(const tdm_flowsheet *fs, int k)
{
    return fs->species[k];
}

int
tdm_flowsheet_find_unit(const tdm_flowsheet *fs, const char *name)
{
    if (fs->unit_names.n == (size_t)fs->nunits) return tdm_strmap_find(&fs->unit_names, name);
    for (int i = 0; i < fs->nunits; i++)
        if (strcmp(fs->units[i].name, name) == 0) return i;
    return -1;
}

int
tdm_flowsheet_unit_key(const tdm_flowsheet *fs, const char *s, const char **key)
{
    int best = -1;
    size_t blen = 0;
    for (int i = 0; i < fs->nunits; i++) {
        const char *name = fs->units[i].name;
        size_t l = strlen(name);
        if (l > blen && strncmp(s, name, l) == 0 && s[l] == '.' && s[l + 1]) {
            best = i;
            blen = l;
        }
    }
    if (best >= 0) *key = s + blen + 1;
    return best;
}

/* ---- model ---------------------------------------------------------------------------------- */

int
tdm_flowsheet_build(tdm_flowsheet *fs, tdm_model **out, tdm_error *err)
{
    *out = NULL;
    tdm_model *m = tdm_model_new();
    if (!m) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    fs->built = true;
    tdm_model_begin_owner(m, -1);
    for (int s = 0; s < fs->nstreams; s++) {
        struct fs_stream *st = &fs->streams[s];
        for (int k = 0; k < fs->nspecies; k++) {
            int c = tdm_model_add_col(m, 0.0, HUGE_VAL, "%s in stream `%s` (mol/s)",
                                      tdm_flowsheet_species_at(fs, k)->name, st->name);
            if (c < 0) {
                tdm_model_free(m);
                return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            }
            if (k == 0) st->col0 = c;
            tdm_model_set_col_home(m, c, st->src);
        }
    }
    for (int i = 0; i < fs->nunits; i++) {
        tdm_model_begin_owner(m, i);
        fs->units[i].col0 = tdm_model_ncols(m);
        if (fs->units[i].kind->declare(&fs->units[i], m, err)) {
            tdm_model_free(m);
            return -1;
        }
    }
    if (tdm_model_out_of_memory(m)) {
        tdm_model_free(m);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    *out = m;
    return 0;
}

/* A number to set: in SI, with the unit and suffix its text is written with. */
struct number {
    double si;
    const char *shown, *suffix;
};

/* Reads a unit's section again and rewrites its rows. */
static int
reread(tdm_flowsheet *fs, tdm_model *m, int ui, tdm_error *err)
{
    tdm_unit *u = &fs->units[ui];
    if (write_lazy_unit(fs, u)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    memset(u->data, 0, u->kind->data_size ? u->kind->data_size : 1);
    u->warning = NULL;
    int rc = u->kind->parse(u, err);
    if (rc == 0 && m) {
        rc = tdm_model_update_begin(m, ui, err);
        if (rc == 0) {
            /* a declare that fails says why; the update's own complaint would hide it */
            tdm_error ignored;
            int d = u->kind->declare(u, m, err);
            rc = tdm_model_update_end(m, d ? &ignored : err);
            if (d) rc = d;
        }
    }
    return rc;
}

/* Finds unit.key for a change: the unit, and the key in its section (NULL when the
 * section does not give it, allowed only when !given, before the model is built).
 * Structural keys are refused. */
static int
find_key(const tdm_flowsheet *fs, bool given, const char *unit, const char *key, int *ui,
         tdm_kv **kv, tdm_error *err)
{
    *ui = tdm_flowsheet_find_unit(fs, unit);
    *kv = NULL;
    if (*ui < 0) return tdm_errorf(err, TDM_EINPUT, fs->path, 0, "no unit named [%s]", unit);
    const tdm_unit *u = &fs->units[*ui];
    tdm_section *sec = (tdm_section *)u->sec; /* the flowsheet owns its sections */
    bool structural = strcmp(key, "kind") == 0;
    for (const tdm_port_spec *p = u->kind->ports; p->key; p++)
        structural |= !strcmp(p->key, key);
    if (structural)
        return tdm_errorf(err, TDM_EINPUT, fs->path, sec->line,
                          "[%s] `%s` changes the flowsheet's structure; edit the file instead",
                          unit, key);
    for (int i = 0; i < sec->nkv; i++)
        if (strcmp(sec->kv[i].key, key) == 0) *kv = &sec->kv[i];
    if (!*kv && !key_known(u->kind, key))
        return tdm_errorf(err, TDM_EINPUT, fs->path, sec->line,
                          "[%s] %s %s has no key `%s` (`tandem kinds %s` lists them)", unit,
                          article(u->kind->name), u->kind->name, key, u->kind->name);
    if (!*kv && given)
        return tdm_errorf(err, TDM_EINPUT, fs->path, sec->line,
                          "[%s] has no key `%s` to change in the built model", unit, key);
    return 0;
}

/* Sets unit ui's key (kv in its section, or NULL to add it) to a text or a number. */
static int
set_at(tdm_flowsheet *fs, tdm_model *m, int ui, tdm_kv *kv, const char *key, const char *value,
       const struct number *num, tdm_error *err)
{
    tdm_unit *u = &fs->units[ui];
    tdm_section *sec = (tdm_section *)u->sec;
    const char *unit = u->name;
    /* A number the kind can take in place: no text is written and no section read; the
     * unit's rows are rewritten once, at the next solve, however many of its keys change. */
    if (num && kv && u->kind->set) {
        int rc = u->kind->set(u, key, num->si, err);
        if (rc == 0) {
            /* its text is written when the key is read (unit_kv) */
            if (tdm_lazy_keep(&fs->lazy, fs->arena, sec, kv, unit, key, num->si, num->shown,
                              num->suffix))
                return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            if (!m) return 0;
            if (fs->pending) {
                fs->pending[ui] = true;
                return 0;
            }
            return reread(fs, m, ui, err);
        }
        if (rc < 0) {
            /* refused: the unit may hold part of the change; read it back as it was */
            tdm_error ignored;
            reread(fs, m, ui, &ignored);
            return -1;
        }
    }
    char buf[200];
    if (!value) {
        tdm_quantity_text(buf, sizeof buf, num->si, num->shown, num->suffix);
        value = buf;
    }
    bool added = false;
    if (!kv) {
        /* A new key before the model is built (tandem solve --set cell.current=1MA). */
        if (tdm_ini_add(fs->arena, sec, key, value, sec->line))
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        kv = &sec->kv[sec->nkv - 1];
        added = true;
    }
    const char *old = kv->value;
    int old_lazy = kv->lazy;
    kv->value = tdm_valbuf_put(&fs->set_values, fs->arena, unit, key, value);
    if (!kv->value) {
        kv->value = old;
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    kv->lazy = 0;
    if (reread(fs, m, ui, err)) {
        tdm_error ignored;
        if (added) sec->nkv--;
        kv->value = old;
        kv->lazy = old_lazy;
        reread(fs, m, ui, &ignored);
        return -1;
    }
    return 0;
}

static int
set_key(tdm_flowsheet *fs, tdm_model *m, const char *unit, const char *key, const char *value,
        const struct number *num, tdm_error *err)
{
    int ui;
    tdm_kv *kv;
    if (find_key(fs, m != NULL, unit, key, &ui, &kv, err)) return -1;
    return set_at(fs, m, ui, kv, key, value, num, err);
}

int
tdm_flowsheet_set(tdm_flowsheet *fs, tdm_model *m, const char *unit, const char *key,
                  const char *value, tdm_error *err)
{
    return set_key(fs, m, unit, key, value, NULL, err);
}

/* The per-unit flags of rows to rewrite at the next solve (numbers set in place): made
 * once; -1 when memory runs out. */
static int
want_pending(tdm_flowsheet *fs)
{
    if (!fs->pending) fs->pending = calloc((size_t)fs->nunits + 1, sizeof *fs->pending);
    return fs->pending ? 0 : -1;
}

int
tdm_flowsheet_set_number(tdm_flowsheet *fs, tdm_model *m, const char *unit, const char *key,
                         double si, const char *shown, const char *suffix, tdm_error *err)
{
    if (m && want_pending(fs)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    struct number num = {si, shown ? shown : "", suffix};
    return set_key(fs, m, unit, key, NULL, &num, err);
}

const char *
tdm_flowsheet_stays(const tdm_flowsheet *fs, const char *unit, const char *key)
{
    int ui = tdm_flowsheet_find_unit(fs, unit);
    if (ui < 0) return NULL;
    const tdm_unit *u = &fs->units[ui];
    return u->kind->stays ? u->kind->stays(u, key) : NULL;
}

int
tdm_flowsheet_refine(tdm_flowsheet *fs, const double *x, bool *changed, tdm_error *err)
{
    *changed = false;
    for (int i = 0; i < fs->nunits; i++) {
        tdm_unit *u = &fs->units[i];
        if (!u->kind->refine) continue;
        bool moved = false;
        if (u->kind->refine(u, x, &moved, err)) return -1;
        if (!moved) continue;
        if (want_pending(fs)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        fs->pending[i] = true;
        *changed = true;
    }
    return 0;
}

int
tdm_flowsheet_restart(tdm_flowsheet *fs, tdm_error *err)
{
    for (int i = 0; i < fs->nunits; i++) {
        tdm_unit *u = &fs->units[i];
        if (!u->kind->restart) continue;
        bool moved = false;
        if (u->kind->restart(u, &moved, err)) return -1;
        if (!moved) continue;
        if (want_pending(fs)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        fs->pending[i] = true;
    }
    return 0;
}

int
tdm_flowsheet_key_ref(const tdm_flowsheet *fs, const char *unit, const char *key, tdm_key_ref *ref,
                      tdm_error *err)
{
    int ui;
    tdm_kv *kv;
    if (find_key(fs, true, unit, key, &ui, &kv, err)) return -1;
    ref->unit = ui;
    ref->kv = (int)(kv - fs->units[ui].sec->kv);
    return 0;
}

int
tdm_flowsheet_set_ref(tdm_flowsheet *fs, tdm_model *m, tdm_key_ref ref, double si,
                      const char *shown, const char *suffix, tdm_error *err)
{
    if (ref.unit < 0 || ref.unit >= fs->nunits || ref.kv < 0 ||
        ref.kv >= fs->units[ref.unit].sec->nkv)
        return tdm_errorf(err, TDM_EINPUT, fs->path, 0, "no such key to set");
    if (m && want_pending(fs)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_section *sec = (tdm_section *)fs->units[ref.unit].sec;
    tdm_kv *kv = &sec->kv[ref.kv];
    struct number num = {si, shown ? shown : "", suffix};
    return set_at(fs, m, ref.unit, kv, kv->key, NULL, &num, err);
}

int
tdm_flowsheet_flush(tdm_flowsheet *fs, tdm_model *m, tdm_error *err)
{
    for (int i = 0; fs->pending && i < fs->nunits; i++) {
        if (!fs->pending[i]) continue;
        fs->pending[i] = false;
        tdm_unit *u = &fs->units[i];
        int rc = tdm_model_update_begin(m, i, err);
        if (rc == 0) {
            tdm_error ignored;
            int d = u->kind->declare(u, m, err);
            rc = tdm_model_update_end(m, d ? &ignored : err);
            if (d) rc = d;
        }
        if (rc) {
            /* a unit that cannot declare its rows at these numbers (a cathode starved of its
             * reactant) stays pending: every solve fails until its numbers change, instead
             * of solving its rows of before */
            fs->pending[i] = true;
            return -1;
        }
    }
    return 0;
}

/* ---- helpers for unit kinds (tandem/unit.h) ------------------------------------------------ */

const char *
tdm_unit_file(const tdm_unit *u)
{
    return u->fs->path;
}
tdm_arena *
tdm_unit_arena(const tdm_unit *u)
{
    return u->fs->arena;
}

int
tdm_unit_read_table(const tdm_unit *u, const tdm_kv *kv, const char *what, tdm_table *t,
                    const char **path, tdm_error *err)
{
    const char *fs_path = u->fs->path, *slash = strrchr(fs_path, '/');
    char buf[1024];
    if (kv->value[0] == '/' || !slash)
        snprintf(buf, sizeof buf, "%s", kv->value);
    else
        snprintf(buf, sizeof buf, "%.*s/%s", (int)(slash - fs_path), fs_path, kv->value);
    *path = tdm_arena_strdup(u->fs->arena, buf);
    if (!*path) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (tdm_table_read(*path, u->fs->arena, t, err) == 0) return 0;
    if (err->cls == TDM_ESYSTEM) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err->msg);
        return tdm_unit_error(u, kv->line, err, "cannot read %s: %s", what, why);
    }
    return -1;
}

int
tdm_unit_error(const tdm_unit *u, int line, tdm_error *err, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tdm_errorf_in(err, TDM_EINPUT, u->fs->path, line > 0 ? line : u->sec->line, u->name,
                         "%s", msg);
}

const tdm_kv *
tdm_unit_kv(const tdm_unit *u, const char *key)
{
    return unit_kv(u, key);
}

int
tdm_unit_quantity(const tdm_unit *u, const char *key, tdm_qkind k, double min, double max,
                  double *out, tdm_error *err)
{
    return tdm_read_quantity(&(tdm_reader){u->fs->path, u->name, u->sec}, key, k, min, max, out,
                             err);
}

int
tdm_unit_require(const tdm_unit *u, const char *key, tdm_qkind k, double min, double max,
                 double *out, tdm_error *err)
{
    int rc = tdm_unit_quantity(u, key, k, min, max, out, err);
    if (rc == 0)
        return tdm_unit_error(u, 0, err, "%s %s needs `%s` (%s in %s)", article(u->kind->name),
                              u->kind->name, key, tdm_qkind_a(k), tdm_qkind_units(k));
    return rc < 0 ? -1 : 1;
}

int
tdm_unit_choice(const tdm_unit *u, const char *key, const char *const *choices, int def,
                tdm_error *err)
{
    const tdm_kv *kv = unit_kv(u, key);
    if (!kv) return def;
    char list[256] = "";
    for (int i = 0; choices[i]; i++) {
        if (strcmp(kv->value, choices[i]) == 0) return i;
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", choices[i]);
    }
    return tdm_unit_error(u, kv->line, err, "`%s = %s` is not one of: %s", key, kv->value, list);
}

int
tdm_unit_use_species(tdm_unit *u, int id, tdm_error *err)
{
    int rc = use_species(u->fs, id);
    if (rc == -2)
        return tdm_unit_error(u, 0, err,
                              "the change brings in species %s that the model does "
                              "not have; reload the flowsheet",
                              tdm_unit_species_info(u, id)->name);
    return rc;
}

int
tdm_unit_species(tdm_unit *u, const char *name, int line, tdm_error *err)
{
    int id = tdm_flowsheet_find_species(u->fs, name);
    if (id < 0) {
        const char *near = species_suggest(u->fs, name);
        if (near)
            return tdm_unit_error(u, line, err, "unknown species `%s`; did you mean `%s`?", name,
                                  near);
        return tdm_unit_error(u, line, err, "unknown species `%s` (`tandem species` lists them)",
                              name);
    }
    if (tdm_unit_use_species(u, id, err)) return -1;
    return id;
}

int
tdm_unit_nspecies(const tdm_unit *u)
{
    return u->fs->nspecies;
}
int
tdm_unit_species_id(const tdm_unit *u, int k)
{
    return u->fs->species[k];
}
int
tdm_unit_species_index(const tdm_unit *u, int id)
{
    return id >= 0 && id < TDM_MAX_SPECIES ? u->fs->local[id] : -1;
}
int
tdm_unit_port_n(const tdm_unit *u, int p)
{
    return u->ports[p].n;
}
int
tdm_unit_port_stream(const tdm_unit *u, int p, int i)
{
    return u->ports[p].streams[i];
}
int
tdm_unit_col(const tdm_unit *u, int s, int k)
{
    return u->fs->streams[s].col0 + k;
}
const char *
tdm_unit_stream_name(const tdm_unit *u, int s)
{
    return u->fs->streams[s].name;
}

const tdm_species *
tdm_unit_species_at(const tdm_unit *u, int k)
{
    return tdm_flowsheet_species_at(u->fs, k);
}

const tdm_species *
tdm_unit_species_info(const tdm_unit *u, int id)
{
    return tdm_flowsheet_species_info(u->fs, id);
}

const tdm_species *
tdm_flowsheet_species_info(const tdm_flowsheet *fs, int id)
{
    int nb = tdm_species_count();
    if (id >= 0 && id < nb) return tdm_species_get(id);
    if (id >= nb && id - nb < fs->ncustom) return &fs->custom[id - nb];
    return NULL;
}

const tdm_species *
tdm_flowsheet_species_at(const tdm_flowsheet *fs, int k)
{
    return tdm_flowsheet_species_info(fs, fs->species[k]);
}

/* The flowsheet's own species first, then the built-in table. */
int
tdm_flowsheet_find_species(const tdm_flowsheet *fs, const char *name)
{
    for (int i = 0; i < fs->ncustom; i++)
        if (strcmp(fs->custom[i].name, name) == 0 || strcmp(fs->custom[i].common, name) == 0)
            return tdm_species_count() + i;
    return tdm_species_find(name);
}
