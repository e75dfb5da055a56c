/* tandem diagram: the flowsheet as a Graphviz graph (DOT), or drawn by Graphviz's `dot`
 * into SVG or PNG when it is installed. */
#define _GNU_SOURCE /* prctl's PR_SET_PDEATHSIG */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

const char cmd_diagram_help[] =
    "usage: tandem diagram FILE [-o OUT] [--set unit.key=value]...\n"
    "\n"
    "The flowsheet as a diagram: units as boxes shaped by kind, streams as arrows labelled\n"
    "with their name and, once solved, their flow in t/day and main species by mass.\n"
    "Without -o, or with OUT ending in .dot, the Graphviz DOT text; with .svg or .png, the\n"
    "picture, drawn by Graphviz's `dot` (Debian package graphviz).\n"
    "\n"
    "exit status: 0 drawn; 1 drawn without flows, as the flowsheet does not solve; 2 bad\n"
    "input, or `dot` missing for .svg and .png\n";

const cli_option cmd_diagram_options[] = {NULL};

static const char *
picture_format(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && !strcmp(dot, ".svg")) return "svg";
    if (dot && !strcmp(dot, ".png")) return "png";
    return NULL;
}

int
cli_render(const char *dot_text, size_t len, const char *format, char **out, size_t *outlen,
           char *why, size_t whylen)
{
    *out = NULL;
    *outlen = 0;
    int in[2] = {-1, -1}, from[2] = {-1, -1};
    if (pipe(in) || pipe(from)) {
        snprintf(why, whylen, "cannot run `dot`: %s", strerror(errno));
        for (int i = 0; i < 2; i++) {
            if (in[i] >= 0) close(in[i]);
            if (from[i] >= 0) close(from[i]);
        }
        return 2;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        /* dies with tandem: a run stopped by a signal leaves no `dot` behind (and if tandem
         * died before the request was made, at once) */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        dup2(in[0], 0);
        dup2(from[1], 1);
        close(in[0]);
        close(in[1]);
        close(from[0]);
        close(from[1]);
        char t[16];
        snprintf(t, sizeof t, "-T%s", format);
        execlp("dot", "dot", t, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(from[1]);
    if (pid < 0) {
        snprintf(why, whylen, "cannot run `dot`: %s", strerror(errno));
        close(in[1]);
        close(from[0]);
        return 2;
    }
    /* the picture comes back through a pipe into memory: no file of dot's anywhere (serve
     * drew into a fixed name under $TMPDIR, which a planted link could redirect) */
    void (*was)(int) = signal(SIGPIPE, SIG_IGN);
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    size_t off = 0, cap = 0;
    char *buf = NULL;
    bool reading = true, oom = false;
    while (reading) {
        struct pollfd fds[2] = {{.fd = from[0], .events = POLLIN},
                                {.fd = off < len ? in[1] : -1, .events = POLLOUT}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (fds[1].revents) {
            ssize_t w = write(in[1], dot_text + off, len - off);
            if (w > 0) off += (size_t)w;
            if (w < 0 && errno != EAGAIN) off = len; /* dot stopped reading: it will say */
            if (off >= len) close(in[1]), in[1] = -1;
        }
        if (fds[0].revents) {
            if (*outlen + 65536 + 1 > cap) {
                size_t ncap = cap ? 2 * cap : 1 << 16;
                char *p = realloc(buf, ncap);
                if (!p) {
                    oom = true;
                    break;
                }
                buf = p;
                cap = ncap;
            }
            ssize_t r = read(from[0], buf + *outlen, cap - *outlen - 1);
            if (r > 0)
                *outlen += (size_t)r;
            else if (r == 0 || errno != EINTR)
                reading = false;
        }
    }
    if (in[1] >= 0) close(in[1]);
    close(from[0]);
    signal(SIGPIPE, was);
    int ws = 0, status = 2;
    if (oom) kill(pid, SIGKILL);
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
        ;
    if (oom)
        snprintf(why, whylen, "out of memory reading what `dot` drew");
    else if (!WIFEXITED(ws))
        snprintf(why, whylen, "`dot` stopped by a signal");
    else if (WEXITSTATUS(ws) == 127)
        snprintf(why, whylen,
                 "Graphviz's `dot` is not installed (Debian package graphviz); "
                 "write a .dot file instead");
    else if (WEXITSTATUS(ws) != 0 || *outlen == 0)
        snprintf(why, whylen, "`dot` could not draw the diagram");
    else
        status = 0;
    if (status == 0) {
        buf[*outlen] = '\0';
        *out = buf;
    } else {
        free(buf);
        *outlen = 0;
    }
    return status;
}

int
cmd_diagram(cli_run *r)
{
    const cli_args *a = &r->a;
    const tdm_flowsheet *fs = r->fs;
    tdm_error err;
    bool solved = tdm_simulate(&r->sim, &err) == 0;
    if (!solved) fprintf(stderr, "%s\n(drawn without flows)\n", err.msg);
    const tdm_results *res = solved ? r->sim.results : NULL;
    const char *format = picture_format(a->output);
    int status = 0;
    if (!format) {
        CLI_WRITE(status, a->output, tdm_report_diagram(f, fs, res));
    } else {
        /* DOT into memory, drawn by dot into memory, written like every other output (never
         * over an input: `diagram -o` once replaced a performance map it had read) */
        cli_out dot;
        FILE *df = cli_out_begin(&dot, NULL);
        if (!df || tdm_report_diagram(df, fs, res)) {
            status = df ? cli_out_fail(&dot) : 2;
        } else if (fflush(df) != 0 || dot.failed) {
            status = cli_out_fail(&dot);
        } else {
            char *pic = NULL, why[300];
            size_t plen = 0;
            status = cli_render(dot.buf, dot.len, format, &pic, &plen, why, sizeof why);
            cli_out_abort(&dot);
            if (status) {
                fprintf(stderr, "tandem diagram: %s\n", why);
            } else {
                CLI_WRITE(status, a->output, fwrite(pic, 1, plen, f) != plen);
            }
            free(pic);
        }
    }
    return status ? status : solved ? 0 : 1;
}
