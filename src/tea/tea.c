/* Pricing a solved flowsheet: capital from each unit's size, operating costs from its
 * flows and energy, and the cash flow (see tandem/tea.h and docs/economics.md). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "tandem/arena.h"
#include "tandem/constants.h"
#include "tandem/flowsheet.h"
#include "tandem/tea.h"
#include "text.h"

static int
add_opex(tdm_tea *t, const char *name, const char *group, double amount, const char *amount_unit,
         double price, const char *price_unit, const char *source, double cost)
{
    if (t->nopex == TDM_MAX_COST_LINES) return -1;
    t->opex[t->nopex++] = (tdm_opex_line){.name = name,
                                          .group = group,
                                          .amount = amount,
                                          .amount_unit = amount_unit,
                                          .price = price,
                                          .price_unit = price_unit,
                                          .source = source,
                                          .cost = cost};
    return 0;
}

/* ---- the carbon account (docs/carbon.md) ------------------------------------------------ */

static const char *const cause_names[TDM_CO2_NCAUSES] = {
    [TDM_CO2_ELECTRICITY] = "electricity",
    [TDM_CO2_HEAT] = "heat and cooling",
    [TDM_CO2_FEEDS] = "feeds",
    [TDM_CO2_SUPPLY] = "CO2 supply (capture)",
    [TDM_CO2_VENTED] = "carbon vented",
    [TDM_CO2_CARBONATE] = "carbonate losses (anode gas vented)",
    [TDM_CO2_BYPRODUCTS] = "by-products",
    [TDM_CO2_UPTAKE] = "CO2 taken up",
};

const char *
tdm_co2_cause_name(enum tdm_co2_cause c)
{
    return c >= 0 && c < TDM_CO2_NCAUSES ? cause_names[c] : "?";
}

/* One emission line: amount per year in amount_unit (si_per_unit SI in one of it), at ci kg
 * CO2e per SI unit with el J of electricity per SI unit behind it; ci NAN: not assessed, and
 * listed as such. */
static void
add_co2(tdm_tea *t, const char *name, enum tdm_co2_cause cause, double amount,
        const char *amount_unit, double si_per_unit, double ci, double el, const char *source)
{
    if (!t->carbon.assessed || t->nco2 == TDM_MAX_COST_LINES) return;
    double si = amount * si_per_unit;
    bool known = isfinite(ci);
    t->co2[t->nco2++] = (tdm_co2_line){.name = name,
                                       .cause = cause,
                                       .amount = amount,
                                       .amount_unit = amount_unit,
                                       .intensity = known ? ci * si_per_unit : NAN,
                                       .source = source,
                                       .co2e = known ? si * ci : 0,
                                       .electricity = known ? si * el / 3.6e6 : 0};
    if (known) return;
    tdm_carbon *c = &t->carbon;
    for (int i = 0; i < c->nmissing; i++)
        if (!strcmp(c->missing[i], name)) return;
    if (c->nmissing < (int)(sizeof c->missing / sizeof *c->missing))
        c->missing[c->nmissing++] = name;
    else
        c->missing_more++;
}

static const tdm_price *heating_for(const tdm_scenario *sc, double T);

/* The intensity of an item in force, kg CO2e per SI unit of it (*ci), with the electricity
 * behind it, J per SI unit (*el): its own figure, and the electricity and heat its row says
 * it needs at the scenario's intensities of electricity and of the heating utility that
 * reaches the heat's temperature. Returns the source an emission line names: the row's, or
 * why the item is not assessed (*ci NAN): no row, or none for what it needs. */
static const char *
intensity(const tdm_scenario *sc, const char *item, double *ci, double *el)
{
    *ci = *el = NAN;
    const tdm_intensity *it = tdm_scenario_intensity(sc, item);
    if (!it) return "no intensity in the carbon file: not assessed";
    if (!strcmp(item, "electricity")) {
        *ci = it->value;
        *el = 1;
        return it->source;
    }
    double c = it->value, e = 0;
    if (it->electricity > 0) {
        const tdm_intensity *g = tdm_scenario_intensity(sc, "electricity");
        if (!g) return "its row needs electricity, which has no intensity: not assessed";
        c += it->electricity * g->value;
        e += it->electricity;
    }
    if (it->heat > 0) {
        const tdm_price *h = heating_for(sc, it->heat_temperature);
        if (!h)
            return "its row needs heat that no heating utility of the prices reaches: not "
                   "assessed";
        double hc, he;
        intensity(sc, h->item, &hc, &he);
        if (isnan(hc)) return "its row needs heat from a utility with no intensity: not assessed";
        c += it->heat * hc;
        e += it->heat * he;
    }
    *ci = c;
    *el = e;
    return it->source;
}

/* The carbon an outlet of the plant carries, as the CO2 it becomes, kg/s. */
static double
carbon_out(const tdm_flowsheet *fs, const tdm_unit_result *r)
{
    double co2 = 0;
    for (int k = 0; k < tdm_flowsheet_nspecies(fs); k++)
        if (r->boundary[k] < 0)
            co2 -= r->boundary[k] * tdm_flowsheet_species_at(fs, k)->el[TDM_EL_C] * TDM_M_CO2;
    return co2;
}

/* A unit's inlet traced back through units of one inlet and one outlet (coolers, heaters,
 * compressors, pumps): does it come from a cell's anode? */
static bool
from_anode(const tdm_flowsheet *fs, const tdm_unit *u)
{
    int s = -1;
    for (int p = 0; u->kind->ports[p].key && s < 0; p++)
        if (u->kind->ports[p].dir == TDM_PORT_IN && tdm_unit_port_n(u, p) == 1)
            s = tdm_unit_port_stream(u, p, 0);
    for (int step = 0; s >= 0 && step < 64; step++) {
        int src = tdm_flowsheet_stream_source(fs, s);
        if (src < 0) return false;
        const tdm_unit *v = tdm_flowsheet_unit(fs, src);
        int nin = 0, nout = 0, in = -1;
        bool anode = false;
        for (int p = 0; v->kind->ports[p].key; p++) {
            int n = tdm_unit_port_n(v, p);
            if (v->kind->ports[p].dir == TDM_PORT_IN) {
                nin += n;
                if (n) in = tdm_unit_port_stream(v, p, 0);
                continue;
            }
            nout += n;
            for (int q = 0; q < n; q++)
                if (tdm_unit_port_stream(v, p, q) == s &&
                    !strcmp(v->kind->ports[p].key, "anode_out"))
                    anode = true;
        }
        if (anode) return true;
        if (nin != 1 || nout != 1) return false;
        s = in;
    }
    return false;
}

/* An item's purchased cost at size S (SI) in its own year's dollars, for a plant making
 * product_kg_s of its main product: the curve fixed + base (S / S0)^n, below `small` times
 * its base size the straight line from zero (tdm_tea_opts), times the rate factor *rf
 * (rate / base_rate)^rate_exponent of an item whose cost moves with the rate (else 1). */
static double
purchased_cost(const tdm_equipment *e, double S, double small, double product_kg_s, double *rf)
{
    double purchased = S > 0 ? (e->fixed + e->base_cost * pow(S / e->base_size, e->exponent)) : 0;
    double S_small = small * e->base_size;
    if (S > 0 && S < S_small)
        purchased = (e->fixed + e->base_cost * pow(small, e->exponent)) * S / S_small;
    *rf = e->base_rate > 0 ? pow(product_kg_s / e->base_rate, e->rate_exponent) : 1;
    return purchased * *rf;
}

static int
price_capex(const tdm_results *res, const tdm_scenario *sc, tdm_tea *t, double small, int skip,
            const bool *units, tdm_arena *a, tdm_error *err)
{
    const tdm_flowsheet *fs = res->fs;
    double idx_now = tdm_scenario_index(sc, sc->year);
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        if (!u->kind->size || i == skip || (units && !units[i])) continue;
        tdm_unit_size sz;
        for (int b = 0; b < TDM_NBASIS; b++)
            sz.size[b] = NAN;
        sz.nitems = 0;
        sz.service_kg_s = sz.service_price = 0;
        sz.steps = sz.solid_steps = 0;
        u->kind->size(u, res, &res->units[i], &sz);
        bool runs = false; /* a unit the optimizer turned off is not tended */
        for (int b = 0; b < TDM_NBASIS; b++)
            runs |= sz.size[b] > 0;
        if (runs) {
            t->steps += sz.steps;
            t->solid_steps += sz.solid_steps;
        }
        if (sz.service_kg_s > 0 && sz.service_price > 0) {
            double tons = sz.service_kg_s * t->hours * 3.6; /* t/yr */
            if (add_opex(t, sz.service_label, "separations", tons, "t/yr", sz.service_price * 1000,
                         "$/t", sz.service_source, tons * sz.service_price * 1000))
                return tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines");
            /* an all-in price per tonne names no energy: its emissions are not known */
            add_co2(t, sz.service_label, TDM_CO2_FEEDS, tons, "t/yr", 1000, NAN, 0,
                    "an all-in price per tonne: its energy, and so its emissions, not known");
            if (sz.nitems == 0 && !tdm_unit_kv(u, "equipment")) continue; /* priced in full */
        }
        const tdm_kv *ekv = tdm_unit_kv(u, "equipment");
        const char *items[TDM_MAX_ITEMS];
        int n = 0;
        if (ekv) {
            char *buf = tdm_arena_strdup(a, ekv->value);
            char *parts[TDM_MAX_ITEMS + 1];
            n = buf ? tdm_text_split(buf, parts, TDM_MAX_ITEMS + 1) : -1;
            if (n < 0 || n > TDM_MAX_ITEMS)
                return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), ekv->line,
                                  "[%s] `equipment` lists up to %d items separated by commas",
                                  u->name, TDM_MAX_ITEMS);
            for (int k = 0; k < n; k++)
                items[k] = strcmp(parts[k], "none") ? parts[k] : NULL;
            if (n == 1 && !items[0]) {
                n = 0; /* equipment = none */
            } else {
                for (int k = 0; k < n; k++)
                    if (!items[k])
                        return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), ekv->line,
                                          "[%s] `equipment = %s`: `none` stands alone (it "
                                          "prices nothing)",
                                          u->name, ekv->value);
            }
        } else {
            for (int k = 0; k < sz.nitems; k++)
                items[n++] = sz.items[k];
        }
        if (n == 0 && !ekv) {
            if (t->nunpriced < TDM_MAX_COST_LINES)
                t->unpriced[t->nunpriced++] = u->name;
            else
                t->unpriced_more++;
            continue;
        }
        for (int k = 0; k < n; k++) {
            const tdm_equipment *e = tdm_scenario_equipment(sc, items[k]);
            if (!e) {
                if (ekv)
                    return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), ekv->line,
                                      "[%s] equipment item `%s` is not in %s", u->name, items[k],
                                      sc->files[0]);
                if (t->nunpriced < TDM_MAX_COST_LINES)
                    t->unpriced[t->nunpriced++] = u->name;
                else
                    t->unpriced_more++;
                continue;
            }
            double S = sz.size[e->basis];
            if (isnan(S))
                return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs),
                                  ekv ? ekv->line : u->sec->line,
                                  "[%s] item `%s` is priced by %s, which %s %s does not have",
                                  u->name, e->item, tdm_basis_name(e->basis), "a", u->kind->name);
            double idx_then = tdm_scenario_index(sc, e->year);
            if (isnan(idx_then))
                return tdm_errorf(err, TDM_EINPUT, e->file, e->line,
                                  "the cost index %s has no value for %d (item `%s`)", sc->files[2],
                                  e->year, e->item);
            if (t->ncapex == TDM_MAX_COST_LINES)
                return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), u->sec->line,
                                  "more than %d cost lines", TDM_MAX_COST_LINES);
            tdm_capex_line *c = &t->capex[t->ncapex++];
            double esc = idx_now / idx_then, rf;
            double purchased = purchased_cost(e, S, small, res->summary.product_kg_s, &rf);
            double per_shown = 1.0 / e->si_per_shown; /* shown units per SI unit */
            double life = tdm_equipment_lifetime(sc, e);
            *c = (tdm_capex_line){
                .unit = u->name,
                .item = e->item,
                .category = e->category,
                .basis = tdm_basis_name(e->basis),
                .size_unit = e->size_unit,
                .source = e->source,
                .size = S * per_shown,
                .base_size = e->base_size * per_shown,
                .fixed = e->fixed,
                .base_cost = e->base_cost,
                .exponent = e->exponent,
                .installation = e->installation,
                .year = e->year,
                .escalation = esc,
                .rate_factor = rf,
                .purchased = purchased * esc,
                .installed = purchased * esc * e->installation,
                .lifetime = life,
                .maintenance = isnan(e->maintenance) ? sc->maintenance : e->maintenance,
            };
            /* a cost curve far outside its range (a base size of 1e-300 squared) gives a cost
             * no number holds: said at the row, not printed as inf */
            if (!isfinite(c->installed) || fabs(c->installed) > 1e30)
                return tdm_errorf(err, TDM_EINPUT, e->file, e->line,
                                  "[%s] item `%s` at %g %s costs more than any plant (%g $): "
                                  "check its base size and exponent",
                                  u->name, e->item, S * per_shown, e->size_unit, c->installed);
        }
    }
    return 0;
}

double
tdm_equipment_installed(const tdm_scenario *sc, const tdm_equipment *e, double size,
                        double product_kg_s)
{
    double rf, esc = tdm_scenario_index(sc, sc->year) / tdm_scenario_index(sc, e->year);
    return purchased_cost(e, size, 0, product_kg_s, &rf) * esc * e->installation;
}

double
tdm_equipment_lifetime(const tdm_scenario *sc, const tdm_equipment *e)
{
    return !strcmp(e->category, "stack") && sc->stack_life > 0 ? sc->stack_life : e->lifetime;
}

/* Boundary flows by species, kg/s: bought (into the plant outside feeds' own price: feeds,
 * water make-up, nutrients) and sold (by-products), and the main product. */
/* A price in money per mass ($/t, $/kg): not $/kWh, whose kilograms are in the joule. */
static bool
per_mass(const tdm_price *p)
{
    tdm_dim d = {{0}};
    d.e[TDM_DIM_KG] = -1;
    d.e[TDM_DIM_USD] = 1;
    return tdm_dim_equal(p->dim, d);
}

static int
price_flows(const tdm_results *res, const tdm_scenario *sc, tdm_tea *t, bool quick,
            const bool *units, tdm_error *err)
{
    const tdm_flowsheet *fs = res->fs;
    int ns = res->nspecies;
    double *buy = calloc((size_t)ns + 1, sizeof *buy), *sell = calloc((size_t)ns + 1, sizeof *sell);
    if (!buy || !sell) {
        free(buy);
        free(sell);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    int main = tdm_flowsheet_main_product(fs);
    double kg_year = t->hours * 3600.0;
    int rc = 0;
    for (int i = 0; i < res->nunits && !rc; i++) {
        const tdm_unit_result *r = &res->units[i];
        if (!r->boundary || (units && !units[i])) continue;
        if (r->role != TDM_ROLE_PRODUCT && r->role != TDM_ROLE_BYPRODUCT &&
            r->role != TDM_ROLE_FEED && t->carbon.assessed) {
            /* A vent: the carbon it carries reaches the air as CO2 (CO and organics are
             * oxidized there, or in the wastewater plant) */
            double co2 = carbon_out(fs, r); /* kg/s */
            if (co2 > 1e-15) {
                const tdm_unit *u = tdm_flowsheet_unit(fs, i);
                add_co2(t, u->name, from_anode(fs, u) ? TDM_CO2_CARBONATE : TDM_CO2_VENTED,
                        co2 * kg_year / 1000, "t/yr", 1000, 1, 0,
                        "the carbon it carries, reaching the air as CO2");
            }
        }
        /* A by-product outlet sells the species it is for, at its price when the stream
         * meets the grade that price is for; what else it carries has no value then. */
        const char *sold = NULL;
        for (int q = 0; q < r->nq; q++)
            if (strcmp(r->q[q].key, "species_rate") == 0) sold = r->q[q].label;
        int ks = -1;
        double out = 0;
        for (int k = 0; k < ns; k++) {
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            if (r->boundary[k] > 0) buy[k] += r->boundary[k] * sp->molar_mass;
            if (r->boundary[k] < 0) out -= r->boundary[k];
            if (r->role == TDM_ROLE_BYPRODUCT && sold && !strcmp(sold, sp->name) &&
                tdm_flowsheet_species(fs, k) != main && r->boundary[k] < 0)
                ks = k;
        }
        if (ks < 0) continue;
        const tdm_species *sp = tdm_flowsheet_species_at(fs, ks);
        const tdm_price *p = tdm_scenario_price(sc, sp->name);
        double y = -r->boundary[ks] / out;
        if (!p || !(p->purity > 0) || y >= p->purity * (1 - 1e-12)) {
            sell[ks] -= r->boundary[ks] * sp->molar_mass;
            continue;
        }
        /* Below its grade: burnt, it earns its lower heating value at the fuel price (a
         * fuel gas of 24 % CO and 72 % H2 was once credited as pure CO) */
        double lhv = 0; /* W */
        for (int k = 0; k < ns; k++)
            if (r->boundary[k] < 0)
                lhv -= r->boundary[k] * tdm_species_lhv(tdm_flowsheet_species_at(fs, k));
        const tdm_price *fuel = tdm_scenario_price(sc, "fuel");
        tdm_dim per_energy = {{0}};
        per_energy.e[TDM_DIM_KG] = -1;
        per_energy.e[TDM_DIM_M] = -2;
        per_energy.e[TDM_DIM_S] = 2;
        per_energy.e[TDM_DIM_USD] = 1;
        if (fuel && !tdm_dim_equal(fuel->dim, per_energy)) {
            rc = tdm_errorf(err, TDM_EINPUT, fuel->file, fuel->line,
                            "the price of fuel (%g %s) is not per energy, e.g. $/GJ", fuel->shown,
                            fuel->unit);
            break;
        }
        double gj = lhv * kg_year / 1e9, price_gj = fuel ? fuel->value * 1e9 : 0;
        const char *lbl, *src;
        if (quick) {
            /* a study's sample reports no cost lines: the label without printf (it was a
             * tenth of a Monte Carlo sample), the source in short */
            char buf[128];
            size_t nl = strlen(sp->name);
            if (nl > sizeof buf - 12) nl = sizeof buf - 12;
            memcpy(buf, sp->name, nl);
            memcpy(buf + nl, " (as fuel)", 11);
            lbl = tdm_flowsheet_intern((tdm_flowsheet *)fs, buf);
            src = "below the grade its price is for: credited at its lower heating value";
        } else {
            lbl = tdm_arena_printf(res->arena, "%s (as fuel)", sp->name);
            src = tdm_arena_printf(
                res->arena,
                "%s at %.3g mol%% is below the %.4g %% its price is for (%s): "
                "credited at its lower heating value%s%s",
                sp->name, 100 * y, 100 * p->purity, p->source,
                fuel ? ", " : "; no `fuel` price: ", fuel ? fuel->source : "not counted");
        }
        if (!lbl || !src) {
            rc = tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            break;
        }
        double cost = -gj * price_gj;
        if (add_opex(t, lbl, "by-products", gj, "GJ/yr", price_gj, "$/GJ", src, cost))
            rc = tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines");
        t->byproduct_revenue += -cost;
        if (t->carbon.assessed) {
            /* burnt, its carbon reaches the air as CO2; it saves the fuel it replaces */
            double burnt = carbon_out(fs, r) * kg_year / gj; /* kg CO2 per GJ it holds */
            double fci, fel;
            intensity(sc, "fuel", &fci, &fel);
            add_co2(t, lbl, TDM_CO2_BYPRODUCTS, gj, "GJ/yr", 1e9, burnt / 1e9 - fci, -fel,
                    "burnt: its carbon as CO2, less the fuel it replaces (carbon file, fuel)");
        }
    }
    for (int k = 0; k < ns && !rc; k++) {
        const char *name = tdm_flowsheet_species_at(fs, k)->name;
        for (int side = 0; side < 2 && !rc; side++) {
            double m = side == 0 ? buy[k] : sell[k];
            if (!(m > 1e-15)) continue;
            const tdm_price *p = tdm_scenario_price(sc, name);
            if (p && !per_mass(p)) {
                rc = tdm_errorf(err, TDM_EINPUT, p->file, p->line,
                                "the price of %s (%g %s) is not per mass, e.g. $/t", name, p->shown,
                                p->unit);
                break;
            }
            double tons = m * kg_year / 1000.0;
            double price_t = p ? p->value * 1000.0 : 0; /* $/t */
            double cost = (side == 0 ? 1 : -1) * tons * price_t;
            const char *lbl = name; /* the species' own name lives as long as the flowsheet */
            if (add_opex(t, lbl, side == 0 ? "feeds" : "by-products", tons, "t/yr", price_t, "$/t",
                         p ? p->source : "no price: not counted", cost))
                rc = tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines");
            if (side == 1) t->byproduct_revenue += -cost;
            if (!t->carbon.assessed) continue;
            double ci, el;
            const char *csrc = intensity(sc, name, &ci, &el);
            bool co2 = !strcmp(name, "CO2");
            if (side == 1) /* sold: it replaces the same made the usual way */
                add_co2(t, lbl, TDM_CO2_BYPRODUCTS, tons, "t/yr", 1000, -ci, -el, csrc);
            else
                add_co2(t, lbl, co2 ? TDM_CO2_SUPPLY : TDM_CO2_FEEDS, tons, "t/yr", 1000, ci, el,
                        csrc);
            if (co2 && side == 0) {
                t->carbon.fed += m * kg_year;
                if (sc->co2_uptake)
                    add_co2(t, "CO2 fed", TDM_CO2_UPTAKE, tons, "t/yr", 1000, -1, 0,
                            "taken from the air or a stack: -1 kg CO2 per kg (the scenario's "
                            "co2_uptake)");
            }
        }
    }
    /* What the plant uses up outside its balances, per tonne of the main product: with the
     * part of the plant that makes it */
    bool makes = !units;
    for (int i = 0; i < res->nunits && !makes; i++)
        makes = units[i] && res->units[i].role == TDM_ROLE_PRODUCT;
    const tdm_section *cs = makes ? tdm_flowsheet_consumables_section(fs) : NULL;
    for (int i = 0; cs && i < cs->nkv && !rc; i++) {
        const tdm_kv *kv = &cs->kv[i];
        double per = 0; /* kg per kg of main product, checked at load */
        tdm_dim d;
        char why[160];
        if (tdm_quantity_parse(kv->value, &per, &d, why, sizeof why)) continue;
        const tdm_price *p = tdm_scenario_price(sc, kv->key);
        if (p && !per_mass(p)) {
            rc = tdm_errorf(err, TDM_EINPUT, p->file, p->line,
                            "the price of %s (%g %s) is not per mass, e.g. $/kg", kv->key, p->shown,
                            p->unit);
            break;
        }
        double tons = per * t->production_t, price_t = p ? p->value * 1000.0 : 0;
        if (add_opex(t, kv->key, "feeds", tons, "t/yr", price_t, "$/t",
                     p ? p->source : "no price: not counted", tons * price_t))
            rc = tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines");
        if (t->carbon.assessed) {
            double ci, el;
            const char *csrc = intensity(sc, kv->key, &ci, &el);
            add_co2(t, kv->key, TDM_CO2_FEEDS, tons, "t/yr", 1000, ci, el, csrc);
        }
    }
    const tdm_price *mp = tdm_scenario_price(sc, tdm_flowsheet_species_info(fs, main)->name);
    /* the main product's outlet may sell at another grade's price (`market`) */
    for (int i = 0; i < res->nunits && !rc; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const tdm_kv *mk = res->units[i].role == TDM_ROLE_PRODUCT ? tdm_unit_kv(u, "market") : NULL;
        if (!mk) continue;
        mp = tdm_scenario_price(sc, mk->value);
        if (!mp)
            rc = tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), mk->line,
                            "[%s] `market = %s`: %s has no price of that name", u->name, mk->value,
                            sc->files[1]);
    }
    if (!rc && mp && !per_mass(mp))
        rc = tdm_errorf(err, TDM_EINPUT, mp->file, mp->line,
                        "the price of %s (%g %s) is not per mass, e.g. $/t", mp->item, mp->shown,
                        mp->unit); /* the market price of the main product, too */
    t->market_price = mp ? mp->value * 1000.0 : NAN;
    t->market_source = mp ? mp->source : NULL;
    t->market_purity = mp ? mp->purity : 0;
    /* the main product as sold: its share of what its product outlets carry */
    double mine = 0, all = 0;
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        if (!r->boundary || r->role != TDM_ROLE_PRODUCT) continue;
        for (int k = 0; k < ns; k++) {
            if (!(r->boundary[k] < 0)) continue;
            all -= r->boundary[k];
            if (tdm_flowsheet_species(fs, k) == main) mine -= r->boundary[k];
        }
    }
    t->product_purity = mine > 0 ? mine / all : NAN;
    free(buy);
    free(sell);
    return rc;
}

static int
utility(tdm_tea *t, const tdm_scenario *sc, const char *name, const char *label, double watts,
        tdm_arena *a, tdm_error *err)
{
    if (!(watts > 0)) return 0;
    const tdm_price *p = tdm_scenario_price(sc, name);
    if (!p) {
        if (strcmp(name, "electricity") == 0)
            return tdm_errorf(err, TDM_EINPUT, sc->files[1], 0,
                              "no price for electricity (add it to the prices or to the "
                              "scenario's [prices])");
        return 0;
    }
    tdm_dim per_energy = {{0}};
    per_energy.e[TDM_DIM_KG] = -1;
    per_energy.e[TDM_DIM_M] = -2;
    per_energy.e[TDM_DIM_S] = 2;
    per_energy.e[TDM_DIM_USD] = 1;
    if (!tdm_dim_equal(p->dim, per_energy))
        return tdm_errorf(err, TDM_EINPUT, p->file, p->line,
                          "the price of %s (%g %s) is not per energy, e.g. $/kWh", name, p->shown,
                          p->unit);
    double kwh = watts * t->hours / 1000.0;
    double price = p->value * 3.6e6; /* $/kWh */
    (void)a;
    if (t->carbon.assessed) {
        double ci, el;
        const char *src = intensity(sc, name, &ci, &el);
        enum tdm_co2_cause cause = strcmp(name, "electricity") ? TDM_CO2_HEAT : TDM_CO2_ELECTRICITY;
        if (strstr(p->unit, "GJ"))
            add_co2(t, label, cause, kwh * 3.6e-3, "GJ/yr", 1e9, ci, el, src);
        else
            add_co2(t, label, cause, kwh, "kWh/yr", 3.6e6, ci, el, src);
    }
    if (strstr(p->unit, "GJ")) /* shown as priced: heat by the GJ */
        return add_opex(t, label, "utilities", kwh * 3.6e-3, "GJ/yr", p->value * 1e9, "$/GJ",
                        p->source, kwh * price)
                   ? tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines")
                   : 0;
    return add_opex(t, label, "utilities", kwh, "kWh/yr", price, "$/kWh", p->source, kwh * price)
               ? tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines")
               : 0;
}

/* The level a heating utility reaches (the hottest duty it serves) or a cooling utility
 * takes heat from (the coldest), K: its `temperature`; without one, `heat` serves up to
 * 400 C when `heat_high` is given (which serves the rest), and anything otherwise. */
static double
utility_level(const tdm_scenario *sc, const tdm_price *p, bool heating)
{
    if (!isnan(p->temperature)) return p->temperature;
    if (!heating) return -HUGE_VAL;
    if (!strcmp(p->item, "heat") && tdm_scenario_price(sc, "heat_high")) return 673.15;
    return HUGE_VAL;
}

/* The heating utility a duty at T is bought from: the coolest that reaches T (NULL: none). */
static const tdm_price *
heating_for(const tdm_scenario *sc, double T)
{
    const tdm_price *best = NULL;
    double lbest = 0;
    for (int i = 0; i < sc->db.nprices; i++) {
        const tdm_price *p = &sc->db.prices[i];
        if (strncmp(p->item, "heat", 4) || tdm_scenario_price(sc, p->item) != p) continue;
        double l = utility_level(sc, p, true);
        if (!(l >= T - 1e-9)) continue;
        if (!best || l < lbest) {
            best = p;
            lbest = l;
        }
    }
    return best;
}

/* Each heat duty is bought from the coolest heating utility that reaches its temperature
 * (steam at the lowest pressure that will do, fired heat above the steam levels), and each
 * heat rejected goes to the warmest cooling utility that can take it (cooling water, then
 * chilled water, brine, refrigerant): what a designer picks. A duty no utility serves is
 * listed as not priced. */
static int
price_heat(const tdm_results *res, const tdm_scenario *sc, tdm_tea *t, const bool *units,
           tdm_arena *a, tdm_error *err)
{
    enum { MAXU = 32 };
    const tdm_price *u[MAXU];
    double level[MAXU], watts[MAXU] = {0}, none[2] = {0};
    bool heating[MAXU];
    int n = 0;
    for (int i = 0; i < sc->db.nprices && n < MAXU; i++) {
        const tdm_price *p = &sc->db.prices[i];
        bool h = !strncmp(p->item, "heat", 4), c = !strncmp(p->item, "cooling", 7);
        if (!h && !c) continue;
        /* the scenario's [prices] may replace a file's price: only the one in use counts */
        if (tdm_scenario_price(sc, p->item) != p) continue;
        u[n] = p;
        heating[n] = h;
        level[n] = utility_level(sc, p, h);
        n++;
    }
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        if (units && !units[i]) continue;
        for (int d = 0; d < r->nduty; d++) {
            double q = r->duty[d].q_w, T = r->duty[d].t_k;
            if (q == 0) continue;
            bool h = q > 0;
            int best = -1;
            for (int k = 0; k < n; k++) {
                if (heating[k] != h) continue;
                if (h ? !(level[k] >= T - 1e-9) : !(level[k] <= T + 1e-9)) continue;
                if (best < 0 || (h ? level[k] < level[best] : level[k] > level[best])) best = k;
            }
            if (best >= 0)
                watts[best] += fabs(q);
            else
                none[h ? 0 : 1] += fabs(q);
        }
    }
    for (int k = 0; k < n; k++) {
        const char *label = u[k]->item;
        if (!strcmp(label, "heat_high")) label = "heat above 400 C";
        if (utility(t, sc, u[k]->item, label, watts[k], a, err)) return -1;
    }
    for (int side = 0; side < 2; side++) {
        if (!(none[side] > 0)) continue;
        double kwh = none[side] * t->hours / 1000.0;
        if (add_opex(t, side == 0 ? "heat" : "cooling", "utilities", kwh, "kWh/yr", 0, "$/kWh",
                     side == 0 ? "no heating utility reaches it: not counted"
                               : "no cooling utility takes it: not counted",
                     0))
            return tdm_errorf(err, TDM_EINPUT, NULL, 0, "too many cost lines");
        add_co2(t, side == 0 ? "heat" : "cooling", TDM_CO2_HEAT, kwh, "kWh/yr", 3.6e6, NAN, 0,
                side == 0 ? "no heating utility reaches it: not assessed"
                          : "no cooling utility takes it: not assessed");
    }
    return 0;
}

/* The carbon account's sums: by cause, per kg of the main product, against the route the
 * product is made by today (docs/carbon.md). */
static void
carbon_sums(const tdm_results *res, const tdm_scenario *sc, tdm_tea *t)
{
    tdm_carbon *c = &t->carbon;
    if (!c->assessed) return;
    double kg = t->production_t * 1000, el = 0, el_co2 = 0;
    const tdm_intensity *g = tdm_scenario_intensity(sc, "electricity");
    c->grid = g ? g->value * 3.6e6 : NAN;
    for (int i = 0; i < t->nco2; i++) {
        const tdm_co2_line *l = &t->co2[i];
        c->cause[l->cause] += l->co2e;
        c->total += l->co2e;
        el += l->electricity;
    }
    el_co2 = g ? el * c->grid : 0;
    c->per_kg = c->total / kg;
    c->electricity = el / kg;
    c->fed /= kg;
    const tdm_species *sp =
        tdm_flowsheet_species_info(res->fs, tdm_flowsheet_main_product(res->fs));
    c->fixed = sp->el[TDM_EL_C] * TDM_M_CO2 / sp->molar_mass;
    c->net_utilized = c->fed - (c->total - c->cause[TDM_CO2_UPTAKE]) / kg;
    double rci, rel;
    const char *rsrc = intensity(sc, sp->name, &rci, &rel);
    c->reference = rci;
    c->reference_source = isnan(rci) ? NULL : rsrc;
    c->avoided = c->reference - c->per_kg;
    c->abatement = NAN;
    if (c->avoided > 0 && isfinite(t->lcop) && isfinite(t->market_price))
        c->abatement = (t->lcop - t->market_price) / c->avoided; /* $/t over t/t */
    /* Both move with the grid's intensity G: per_kg(G) = (total - el_co2) / kg + e G, the
     * reference (r - r_e G_now) + r_e G, with e and r_e the electricity behind each per kg;
     * they meet at G = (r - r_e G_now - (total - el_co2) / kg) / (e - r_e). */
    c->breakeven_grid = NAN;
    double re = isfinite(rel) ? rel / 3.6e6 : 0; /* kWh per kg of the reference */
    if (c->electricity - re > 0 && isfinite(c->reference) && g)
        c->breakeven_grid =
            (c->reference - re * c->grid - (c->total - el_co2) / kg) / (c->electricity - re);
}

/* The capital and operating lines of the units o->units selects, and their emission lines,
 * without the fixed costs, the cash flow or the sums (tdm_tea_opts.lines_only). */
static int
lines(const tdm_results *res, const tdm_scenario *sc, const tdm_tea_opts *o, tdm_tea *t,
      tdm_arena *a, tdm_error *err)
{
    if (price_capex(res, sc, t, o->small, o->skip, o->units, a, err)) return -1;
    for (int i = 0; i < t->ncapex; i++)
        t->direct += t->capex[i].installed;
    const tdm_flowsheet *fs = res->fs;
    for (int k = 0; k < tdm_unit_kind_count(); k++) {
        const tdm_unit_kind *kind = tdm_unit_kind_get(k);
        double w = 0;
        for (int i = 0; i < res->nunits; i++)
            if (tdm_flowsheet_unit(fs, i)->kind == kind && (!o->units || o->units[i]))
                w += res->units[i].electric_w;
        if (!(w > 0)) continue;
        if (utility(t, sc, "electricity", kind->electricity_label, w, a, err)) return -1;
    }
    if (price_heat(res, sc, t, o->units, a, err)) return -1;
    return price_flows(res, sc, t, o->quick, o->units, err);
}

static int
evaluate(const tdm_results *res, const tdm_scenario *sc, const tdm_tea_opts *o, tdm_tea *t,
         tdm_error *err)
{
    double small = o->small;
    int skip = o->skip;
    /* Start empty. The line tables are filled up to their counts, so only the counts and
     * the figures are cleared: the tables are most of the struct's 100 kB, and Monte Carlo
     * prices every sample. */
    t->ncapex = t->nopex = t->nunpriced = t->unpriced_more = t->nrows = 0;
    t->steps = t->solid_steps = 0;
    t->operators = 0;
    memset(&t->direct, 0, offsetof(tdm_tea, rows) - offsetof(tdm_tea, direct));
    t->lcop_capital = t->lcop_replacement = t->lcop_rest = 0;
    t->nco2 = 0;
    t->carbon = (tdm_carbon){.assessed = sc->db.carbon != NULL};
    t->sc = sc;
    tdm_arena *a = res->arena;
    const tdm_summary *S = &res->summary;
    t->hours = 8760.0 * sc->capacity_factor;
    t->production_t = S->product_kg_s * t->hours * 3600.0 / 1000.0;
    if (o->lines_only) return lines(res, sc, o, t, a, err);
    if (!(t->production_t > 0))
        return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(res->fs), 0,
                          "the plant makes none of its main product: nothing to price");
    /* A laboratory cell (seed ee5 makes 5.6 g a day) is no plant: the cost curves start at
     * plant sizes, and a plant's indirect costs and stack prices on a few grams give a cost
     * per tonne that means nothing. Below a tonne a year (an assumption: the smallest
     * pilot plants make more) the cost is refused, with the way to a plant. */
    if (t->production_t < 1.0)
        return tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(res->fs), 0,
                          "the plant makes %.3g kg of its main product a year: a laboratory "
                          "cell, which plant cost curves cannot price; scale the flowsheet to "
                          "a plant (a `rate` on its product) to price it",
                          t->production_t * 1000);
    if (price_capex(res, sc, t, small, skip, NULL, a, err)) return -1;
    for (int i = 0; i < t->ncapex; i++)
        t->direct += t->capex[i].installed;
    for (int k = 0; k < sc->nindirect; k++) {
        t->indirect_part[k] = sc->indirect[k] * t->direct;
        t->indirect += t->indirect_part[k];
    }
    t->fixed_capital = t->direct + t->indirect;
    t->working_capital = sc->working_capital * t->fixed_capital;
    t->total_capital = t->fixed_capital + t->working_capital;

    /* Utilities: electricity by kind of unit, heat by temperature, cooling. */
    const tdm_flowsheet *fs = res->fs;
    for (int k = 0; k < tdm_unit_kind_count(); k++) {
        const tdm_unit_kind *kind = tdm_unit_kind_get(k);
        double w = 0;
        for (int i = 0; i < res->nunits; i++)
            if (tdm_flowsheet_unit(fs, i)->kind == kind) w += res->units[i].electric_w;
        if (!(w > 0)) continue;
        if (utility(t, sc, "electricity", kind->electricity_label, w, a, err)) return -1;
    }
    if (price_heat(res, sc, t, NULL, a, err)) return -1;
    if (price_flows(res, sc, t, o->quick, NULL, err)) return -1;

    /* Fixed operating costs. */
    double maint = 0;
    for (int i = 0; i < t->ncapex; i++)
        maint += t->capex[i].installed * t->capex[i].maintenance;
    if (maint > 0)
        add_opex(t, "maintenance", "fixed", t->direct, "$", maint / t->direct, "1/yr",
                 "equipment.csv maintenance column, else the scenario's", maint);
    if (sc->insurance > 0)
        add_opex(t, "insurance", "fixed", t->fixed_capital, "$", sc->insurance, "1/yr", sc->path,
                 sc->insurance * t->fixed_capital);
    if (sc->labour > 0)
        add_opex(t, "labour", "fixed", NAN, "", NAN, "", sc->path,
                 sc->labour * TDM_SECONDS_PER_YEAR);
    if (sc->operator_wage > 0) {
        /* Turton et al., Analysis, Synthesis and Design of Chemical Processes, eq. 8.3
         * (after Alkhayat and Gerrard): operators a shift N_OL = (6.29 + 31.7 P^2 + 0.23
         * N_np)^0.5, P the steps that handle solids, N_np those on fluids; 4.5 operators
         * employed per operator a shift (1095 shifts a year over the 245 one works: 49
         * weeks of 5). Not rounded to whole people, so that a study's figures move
         * smoothly. */
        double P = t->solid_steps, N = t->steps;
        t->operators = 4.5 * sqrt(6.29 + 31.7 * P * P + 0.23 * N);
        double wage = sc->operator_wage * TDM_SECONDS_PER_YEAR;
        add_opex(t, "labour (operators)", "fixed", t->operators, "people", wage, "$/yr",
                 "Turton et al., Analysis, Synthesis and Design of Chemical Processes, eq. 8.3: "
                 "4.5 (6.29 + 31.7 P^2 + 0.23 N)^0.5 operators; the wage from the scenario",
                 t->operators * wage);
    }
    for (int i = 0; i < t->nopex; i++) {
        if (!isfinite(t->opex[i].cost) || fabs(t->opex[i].cost) > 1e30)
            return tdm_errorf(err, TDM_EINPUT, sc->path, 0,
                              "the operating line `%s` comes to %g $ a year, more than any "
                              "plant: check its price (%g %s)",
                              t->opex[i].name, t->opex[i].cost, t->opex[i].price,
                              t->opex[i].price_unit);
        if (strcmp(t->opex[i].group, "by-products") != 0) t->opex_total += t->opex[i].cost;
    }

    /* The cash flow. */
    tdm_cash_case *c = &t->cash;
    *c = (tdm_cash_case){.convention = sc->convention,
                         .discount = sc->discount,
                         .life = sc->life,
                         .construction = sc->construction,
                         .tax = sc->tax,
                         .macrs = sc->macrs,
                         .depreciation_years = sc->depreciation_years,
                         .fixed_capital = t->fixed_capital,
                         .working_capital = t->working_capital,
                         .production = t->production_t,
                         .other_revenue = t->byproduct_revenue,
                         .opex = t->opex_total,
                         .additional = sc->additional,
                         .memo = &t->discounts};
    memcpy(c->construction_share, sc->construction_share, sizeof c->construction_share);
    if (c->convention != TDM_CONV_DCF) {
        /* Annuity conventions recover the working capital with the rest of the capital. */
        c->fixed_capital = t->total_capital;
        c->working_capital = 0;
    }
    for (int i = 0; i < t->ncapex; i++) {
        double L = t->capex[i].lifetime;
        if (!(L > 0) || L >= sc->life) continue;
        for (int y = 1; y <= sc->life; y++)
            c->replacement[y] += tdm_replacements(L, sc->life, y) * t->capex[i].installed;
    }
    double a0, b0; /* NPV(price) = a0 + b0 price */
    tdm_cash_npv_line(c, &a0, &b0);
    t->lcop = b0 > 0 ? -a0 / b0 : NAN;
    t->npv = isnan(t->market_price) ? NAN : a0 + b0 * t->market_price;
    if (o->quick) {
        t->irr = t->payback = NAN;
    } else {
        t->nrows = tdm_cash_flow(c, isnan(t->market_price) ? t->lcop : t->market_price, t->rows,
                                 TDM_MAX_YEARS + 10);
        t->irr = isnan(t->market_price) ? NAN : tdm_cash_irr(c, t->market_price);
        t->payback = isnan(t->market_price) ? NAN : tdm_cash_payback(c, t->market_price);
    }

    /* The levelized cost by component: capital and replacements as annuities over the
     * life at the discount rate, operating lines per tonne, the rest (taxes, depreciation,
     * construction interest, working capital, additional cost) as one line. */
    double i = sc->convention == TDM_CONV_STRAIGHT ? 0 : sc->discount;
    double crf = tdm_crf(i, sc->life);
    t->lcop_capital = crf * c->fixed_capital / t->production_t;
    t->lcop_replacement = crf * tdm_cash_replacement_pv(c) / t->production_t;
    t->lcop_rest = t->lcop - t->lcop_capital - t->lcop_replacement -
                   (t->opex_total - t->byproduct_revenue) / t->production_t;
    if (fabs(t->lcop_rest) < 1e-9 * fabs(t->lcop)) t->lcop_rest = 0; /* rounding */
    carbon_sums(res, sc, t);
    return 0;
}

int
tdm_tea_evaluate(const tdm_results *res, const tdm_scenario *sc, tdm_tea *t, tdm_error *err)
{
    TDM_CONTRACT(res && sc && t);
    tdm_tea_opts o = TDM_TEA_OPTS_DEFAULT;
    return evaluate(res, sc, &o, t, err);
}

int
tdm_tea_evaluate_opts(const tdm_results *res, const tdm_scenario *sc, const tdm_tea_opts *o,
                      tdm_tea *t, tdm_error *err)
{
    TDM_CONTRACT(res && sc && o && t);
    return evaluate(res, sc, o, t, err);
}

int
tdm_tea_unpriced_inputs(const tdm_tea *t, char *buf, size_t n)
{
    int count = 0;
    size_t used = 0;
    if (n) buf[0] = '\0';
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        if (strcmp(l->group, "feeds") != 0 && strcmp(l->group, "utilities") != 0) continue;
        if (l->price != 0 || !(l->amount > 0) || !l->source || strncmp(l->source, "no ", 3) != 0)
            continue;
        if (used < n) {
            int w = snprintf(buf + used, n - used, "%s%s", count ? ", " : "", l->name);
            used += w > 0 ? (size_t)w : 0;
        }
        count++;
    }
    return count;
}
