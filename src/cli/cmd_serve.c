/* tandem serve: a local web page (libmicrohttpd) where the flowsheet's parameters are
 * sliders and the balances, energy, cost and diagram follow them. The page asks:
 *   GET /                 the page (serve_page.c)
 *   GET /api/model        the title and the parameters: name, unit, range, value
 *   GET /api/solve?p0=..  the plant's figures and energy flow at those values
 *   GET /api/diagram.svg?p0=..  the diagram at those values (Graphviz's dot)
 * Values are in each parameter's display unit. One thread answers, one request at a time:
 * the study behind it is changed in place and solved warm, as sweeps are.
 *
 * libmicrohttpd is opened with dlopen when `tandem serve` runs, not linked: it brings GnuTLS
 * and eight more libraries, whose loading would double the start-up of every other command
 * (docs/performance.md: a cold `tandem cost` must stay under 5 ms). */
#include <math.h>
#include <arpa/inet.h>
#include <dlfcn.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "study_args.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/quantity.h"
#include "tandem/report.h"
#include "tandem/study.h"
#include "tandem/tea.h"

const char cmd_serve_help[] =
    "usage: tandem serve FILE [--port N] [--scenario F]\n"
    "\n"
    "A page at http://127.0.0.1:N/ (default 8765; 0 picks a free port) where the\n"
    "flowsheet's parameters are sliders: the [uncertainty] parameters over their\n"
    "distributions' 1st to 99th percentiles, or else each electrolyzer's cell voltage,\n"
    "current density and single-pass conversion from half to one and a half times the\n"
    "file's value. Each move solves the flowsheet again and shows its figures (levelized\n"
    "cost, energy and carbon efficiency), where the energy goes, and the diagram. It listens\n"
    "on this machine only; stop it with Ctrl-C.\n"
    "\n"
    "exit status: 2 bad input or the port is taken; it otherwise runs until stopped\n";

const cli_option cmd_serve_options[] = {{"--port", true}, {NULL}};

/* The functions of libmicrohttpd tandem uses, found in it at run time. */
struct mhd_api {
    struct MHD_Daemon *(*start_daemon)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
                                       MHD_AccessHandlerCallback, void *, ...);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *, enum MHD_DaemonInfoType,
                                                   ...);
    struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
                                                        enum MHD_ResponseMemoryMode);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
    enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int, struct MHD_Response *);
    void (*destroy_response)(struct MHD_Response *);
    const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind,
                                           const char *);
    void (*stop_daemon)(struct MHD_Daemon *);
};

struct server {
    struct mhd_api mhd; /* libmicrohttpd, loaded when the server starts */
    tdm_flowsheet *fs;
    tdm_scenario *sc;
    tdm_study st;
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    int np;
    /* display units; the file's value lies on the grid lo + k step, k = 0 .. 100, as a
     * range input snaps its value to that grid */
    double lo[TDM_STUDY_MAX_PARAMS], hi[TDM_STUDY_MAX_PARAMS], step[TDM_STUDY_MAX_PARAMS];
    unsigned port; /* the port it listens on: the one Host it answers */
};

/* The page answers only to its own name, http://127.0.0.1:PORT or http://localhost:PORT: a
 * page elsewhere that makes a browser resolve its own host name to 127.0.0.1 (DNS rebinding)
 * sends its own Host, and is refused. */
static bool
host_allowed(const struct server *s, const char *host)
{
    if (!host) return false;
    char mine[3][64];
    snprintf(mine[0], sizeof mine[0], "127.0.0.1:%u", s->port);
    snprintf(mine[1], sizeof mine[1], "localhost:%u", s->port);
    snprintf(mine[2], sizeof mine[2], "[::1]:%u", s->port);
    for (int i = 0; i < 3; i++)
        if (!strcasecmp(host, mine[i])) return true;
    return false;
}

/* The figures the page shows, labelled as every report labels them (tandem/figures.h). */
static const struct {
    const char *key;
} figures[] = {
    {"levelized_cost"}, {"emissions"}, {"total_energy"}, {"carbon_efficiency"}, {"product_rate"},
};
enum { NFIG = sizeof figures / sizeof *figures };

static bool
load_mhd(struct mhd_api *mhd)
{
    void *h = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!h) return false;
    static const char *const names[] = {"MHD_start_daemon",
                                        "MHD_get_daemon_info",
                                        "MHD_create_response_from_buffer",
                                        "MHD_add_response_header",
                                        "MHD_queue_response",
                                        "MHD_destroy_response",
                                        "MHD_lookup_connection_value",
                                        "MHD_stop_daemon"};
    void **slots[] = {(void **)&mhd->start_daemon,
                      (void **)&mhd->get_daemon_info,
                      (void **)&mhd->create_response_from_buffer,
                      (void **)&mhd->add_response_header,
                      (void **)&mhd->queue_response,
                      (void **)&mhd->destroy_response,
                      (void **)&mhd->lookup_connection_value,
                      (void **)&mhd->stop_daemon};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!(*slots[i] = dlsym(h, names[i]))) return false; /* POSIX's way to a function */
    return true;
}

static double
to_display(const tdm_param *p, double si)
{
    return tdm_quantity_shown(si, p->unit);
}

/* The sliders: the [uncertainty] parameters, else each electrolyzer's main keys. */
static int
find_params(struct server *s, tdm_error *err)
{
    if (tdm_params_read_section(s->ps, TDM_STUDY_MAX_PARAMS, &s->np, s->fs, s->sc, err)) return -1;
    bool spread = s->np > 0;
    for (int u = 0; u < tdm_flowsheet_nunits(s->fs) && !spread; u++) {
        const tdm_unit *unit = tdm_flowsheet_unit(s->fs, u);
        const char *const *keys = unit->kind->main_keys;
        for (int k = 0; keys && keys[k] && s->np < TDM_STUDY_MAX_PARAMS; k++) {
            char name[300];
            snprintf(name, sizeof name, "%s.%s", unit->name, keys[k]);
            tdm_error ignored; /* a key the file does not give is no slider */
            if (tdm_param_parse(&s->ps[s->np], name, s->fs, s->sc, NULL, 0, &ignored) == 0) s->np++;
        }
    }
    for (int i = 0; i < s->np; i++) {
        const tdm_param *p = &s->ps[i];
        double lo, hi;
        if (spread && p->dist != TDM_DIST_FIXED) {
            lo = tdm_param_quantile(p, 0.01);
            hi = tdm_param_quantile(p, 0.99);
        } else {
            lo = 0.5 * p->base;
            hi = 1.5 * p->base;
            if (!p->unit[0] && hi > 1) hi = 1; /* a fraction */
        }
        lo = to_display(p, fmax(lo, p->lo));
        hi = to_display(p, fmin(hi, p->hi));
        double base = to_display(p, p->base), step = (hi - lo) / 100;
        if (!(step > 0)) step = fabs(base) > 0 ? 1e-3 * fabs(base) : 1e-3;
        double k = floor((base - lo) / step + 0.5);
        s->step[i] = step;
        s->lo[i] = base - k * step;
        s->hi[i] = s->lo[i] + 100 * step;
    }
    return 0;
}

/* Sets every parameter from the query (p0, p1, ...; absent: the file's value). */
static int
apply(struct server *s, struct MHD_Connection *c, tdm_error *err)
{
    for (int i = 0; i < s->np; i++) {
        const tdm_param *p = &s->ps[i];
        char key[16];
        snprintf(key, sizeof key, "p%d", i);
        const char *v = s->mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
        double si = p->base;
        if (v) {
            char *end;
            double x = strtod(v, &end);
            if (end == v || *end)
                return tdm_errorf(err, TDM_EINPUT, NULL, 0, "%s = `%s` is not a number", p->name,
                                  v);
            if (!(x >= s->lo[i] - 1e-9 * fabs(s->lo[i]) && x <= s->hi[i] + 1e-9 * fabs(s->hi[i])))
                return tdm_errorf(err, TDM_EINPUT, NULL, 0, "%s = `%s` is outside %g .. %g",
                                  p->name, v, s->lo[i], s->hi[i]);
            char text[160];
            snprintf(text, sizeof text, "%.17g %s", x, p->unit);
            tdm_dim dim;
            char why[160];
            if (tdm_quantity_parse(text, &si, &dim, why, sizeof why))
                return tdm_errorf(err, TDM_EINPUT, NULL, 0, "%s: %s", p->name, why);
        }
        if (tdm_study_set(&s->st, p, si, err)) return -1;
    }
    return 0;
}

/* A text answer (copied). */
static enum MHD_Result reply(const struct server *s, struct MHD_Connection *c, unsigned status,
                             const char *type, char *body, size_t len);

static enum MHD_Result
reply_text(const struct server *s, struct MHD_Connection *c, unsigned status, const char *text)
{
    char *body = strdup(text);
    return body ? reply(s, c, status, "text/plain; charset=utf-8", body, strlen(body)) : MHD_NO;
}

/* Sends body (malloc'ed; freed here) as the answer. */
static enum MHD_Result
reply(const struct server *s, struct MHD_Connection *c, unsigned status, const char *type,
      char *body, size_t len)
{
    struct MHD_Response *r = s->mhd.create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    s->mhd.add_response_header(r, "Content-Type", type);
    s->mhd.add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = s->mhd.queue_response(c, status, r);
    s->mhd.destroy_response(r);
    return ok;
}

static void
json_error(FILE *f, const tdm_error *err)
{
    fputs("{\"ok\": false, \"error\": ", f);
    tdm_json_str(f, err->msg);
    fputs("}\n", f);
}

static void
json_model(FILE *f, struct server *s)
{
    fputs("{\"title\": ", f);
    tdm_json_str(f, tdm_flowsheet_title(s->fs));
    fputs(", \"params\": [", f);
    for (int i = 0; i < s->np; i++) {
        const tdm_param *p = &s->ps[i];
        fputs(i ? ", {\"name\": " : "{\"name\": ", f);
        tdm_json_str(f, p->name);
        fputs(", \"unit\": ", f);
        tdm_json_str(f, p->unit);
        fputs(", \"lo\": ", f);
        tdm_json_num(f, s->lo[i]);
        fputs(", \"hi\": ", f);
        tdm_json_num(f, s->hi[i]);
        fputs(", \"step\": ", f);
        tdm_json_num(f, s->step[i]);
        fputs(", \"value\": ", f);
        tdm_json_num(f, to_display(p, p->base));
        fputs("}", f);
    }
    fputs("]}\n", f);
}

static void
json_solve(FILE *f, struct server *s, struct MHD_Connection *c)
{
    tdm_error err;
    double v[TDM_STUDY_MAX_OUTPUTS];
    if (apply(s, c, &err) || tdm_study_eval(&s->st, v, &err)) {
        json_error(f, &err);
        return;
    }
    fputs("{\"ok\": true, \"figures\": [", f);
    for (int i = 0; i < s->st.nout; i++) {
        const tdm_figure *fig = tdm_figure_find(s->st.out[i]);
        const char *label = fig && !strchr(fig->label, '%') ? fig->label : s->st.out[i];
        char own[200];
        if (s->st.out_uidx[i] >= 0) { /* a cell's voltage or FE: "[mea] cell voltage (model)" */
            const tdm_unit_result *r = &s->st.sim.results->units[s->st.out_uidx[i]];
            for (int k = 0; k < r->nq; k++)
                if (r->q[k].key == s->st.out_ukey[i]) {
                    const char *l = r->q[k].label;
                    while (*l == ' ')
                        l++;
                    snprintf(own, sizeof own, "[%s] %s",
                             tdm_flowsheet_unit(s->fs, s->st.out_uidx[i])->name, l);
                    label = own;
                }
        }
        fputs(i ? ", {\"key\": " : "{\"key\": ", f);
        tdm_json_str(f, s->st.out[i]);
        fputs(", \"label\": ", f);
        tdm_json_str(f, label);
        fputs(", \"unit\": ", f);
        tdm_json_str(f, s->st.out_unit[i]);
        fputs(", \"value\": ", f);
        tdm_json_num(f, v[i]);
        fputs("}", f);
    }
    fputs("], \"energy\": [", f);
    const tdm_results *res = s->st.sim.results;
    tdm_energy_line l[TDM_MAX_ENERGY_LINES];
    int n = tdm_energy_flow(res, l, TDM_MAX_ENERGY_LINES);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", {\"label\": " : "{\"label\": ", f);
        tdm_json_str(f, l[i].label);
        fprintf(f, ", \"in\": %s, \"gj_per_t\": ", l[i].in ? "true" : "false");
        tdm_json_num(f, l[i].w / res->summary.product_kg_s / 1e6);
        fputs("}", f);
    }
    fputs("]}\n", f);
}

/* The diagram at the query's values: DOT through `dot`, all in memory. */
static char *
diagram(struct server *s, struct MHD_Connection *c, size_t *len)
{
    tdm_error err;
    double v[TDM_STUDY_MAX_OUTPUTS];
    bool solved = apply(s, c, &err) == 0 && tdm_study_eval(&s->st, v, &err) == 0;
    char *dot = NULL, *svg = NULL;
    size_t dlen = 0;
    FILE *f = open_memstream(&dot, &dlen);
    if (!f) return NULL;
    tdm_report_diagram(f, s->fs, solved ? s->st.sim.results : NULL);
    fclose(f);
    /* drawn in memory: no file under $TMPDIR that a planted link could redirect */
    char why[300];
    if (cli_render(dot, dlen, "svg", &svg, len, why, sizeof why)) svg = NULL;
    free(dot);
    return svg;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)version;
    (void)upload;
    (void)upload_size;
    (void)state;
    struct server *s = cls;
    if (!host_allowed(s, s->mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
        return reply_text(s, c, 421,
                          "this server answers only to its own address, "
                          "127.0.0.1 or localhost with its port\n");
    if (strcmp(method, "GET")) return reply_text(s, c, 405, "GET only\n");
    if (!strcmp(url, "/")) {
        char *page = strdup(cli_serve_page);
        return page ? reply(s, c, 200, "text/html; charset=utf-8", page, strlen(page)) : MHD_NO;
    }
    if (!strcmp(url, "/api/diagram.svg")) {
        size_t len = 0;
        char *svg = diagram(s, c, &len);
        if (!svg) return reply_text(s, c, 503, "no diagram: is Graphviz installed?\n");
        return reply(s, c, 200, "image/svg+xml", svg, len);
    }
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (!f) return MHD_NO;
    unsigned status = 200;
    if (!strcmp(url, "/api/model"))
        json_model(f, s);
    else if (!strcmp(url, "/api/solve"))
        json_solve(f, s, c);
    else {
        status = 404;
        fputs("{\"ok\": false, \"error\": \"no such page\"}\n", f);
    }
    fclose(f);
    return reply(s, c, status, "application/json", body, len);
}

struct cli_server {
    struct server s;
    struct MHD_Daemon *d;
};

cli_server *
cli_serve_start(tdm_flowsheet *fs, tdm_scenario *sc, unsigned port, unsigned *bound, int *status)
{
    *status = 2;
    cli_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        fprintf(stderr, "tandem serve: out of memory\n");
        return NULL;
    }
    if (!load_mhd(&srv->s.mhd)) {
        const char *why = dlerror();
        fprintf(stderr,
                "tandem serve: cannot load libmicrohttpd (Debian package "
                "libmicrohttpd12): %s\n",
                why ? why : "a function is missing");
        free(srv);
        return NULL;
    }
    struct server *s = &srv->s;
    s->fs = fs;
    s->sc = sc;
    const char *outs[NFIG];
    int nout = 0;
    for (int k = 0; k < NFIG; k++)
        /* the cost with a scenario, the emissions with its carbon intensities */
        if (!strcmp(figures[k].key, "levelized_cost") ? sc != NULL
            : !strcmp(figures[k].key, "emissions")    ? sc && sc->db.carbon
                                                      : true)
            outs[nout++] = figures[k].key;
    tdm_error err;
    if (find_params(s, &err) || tdm_study_open(&s->st, fs, sc, outs, nout, &err) ||
        tdm_study_follow_cells(&s->st, s->ps, s->np, &err)) {
        *status = cli_fail(&err);
        cli_serve_stop(srv);
        return NULL;
    }
    if (s->np == 0) {
        fprintf(stderr,
                "tandem serve: %s has no [uncertainty] section and no unit with "
                "an operating point to vary (an electrolyzer's voltage, current "
                "density, conversion): nothing to make a slider of\n",
                tdm_flowsheet_path(fs));
        cli_serve_stop(srv);
        return NULL;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET,
                               .sin_port = htons((uint16_t)port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    /* epoll (or poll), not select: select's 1,024 descriptors were a wall that some 1,020
     * idle half-sent connections filled, locking every client out. Idle connections close
     * after 10 s; the limit leaves room for the process's own files. */
    struct rlimit rl;
    unsigned limit = 1000;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < rl.rlim_max && rl.rlim_cur < 16384) {
            rl.rlim_cur = rl.rlim_max < 16384 ? rl.rlim_max : 16384;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 64)
            limit = (unsigned)(rl.rlim_cur - 64);
    }
    srv->d = s->mhd.start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO, (uint16_t)port, NULL, NULL, handle, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(256 * 1024), MHD_OPTION_END);
    if (!srv->d) {
        fprintf(stderr, "tandem serve: cannot listen on 127.0.0.1:%u (is it taken?)\n", port);
        cli_serve_stop(srv);
        return NULL;
    }
    const union MHD_DaemonInfo *info = s->mhd.get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    *bound = s->port;
    *status = 0;
    return srv;
}

void
cli_serve_stop(cli_server *srv)
{
    if (!srv) return;
    if (srv->d) srv->s.mhd.stop_daemon(srv->d);
    tdm_study_close(&srv->s.st);
    free(srv);
}

int
cmd_serve(cli_run *r)
{
    long port = 8765;
    const char *p = cli_args_opt(&r->a, "--port");
    if (p) {
        char *end;
        port = strtol(p, &end, 10);
        if (!*p || *end || port < 0 || port > 65535) {
            fprintf(stderr, "tandem serve: --port takes 0 to 65535, not `%s`\n", p);
            return 2;
        }
    }
    unsigned bound;
    int status;
    cli_server *srv = cli_serve_start(r->fs, r->sc, (unsigned)port, &bound, &status);
    if (srv) {
        printf("tandem serve: %s at http://127.0.0.1:%u/ (Ctrl-C stops it)\n",
               tdm_flowsheet_path(r->fs), bound);
        fflush(stdout);
        for (;;)
            pause(); /* until a signal ends the process */
    }
    return status;
}
