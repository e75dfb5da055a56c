/* tandem diagram: the flowsheet as a Graphviz graph (DOT), or drawn by Graphviz's `dot`
 * into SVG or PNG when it is installed. */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

static const char help[] =
    "usage: tandem diagram FILE [-o OUT] [--set unit.key=value]...\n"
    "\n"
    "The flowsheet as a diagram: units as boxes shaped by kind, streams as arrows labelled\n"
    "with their name and, once solved, their flow in t/day and main species by mass.\n"
    "Without -o, or with OUT ending in .dot, the Graphviz DOT text; with .svg or .png, the\n"
    "picture, drawn by Graphviz's `dot` (Debian package graphviz).\n"
    "\n"
    "exit status: 0 drawn; 1 drawn without flows, as the flowsheet does not solve; 2 bad\n"
    "input, or `dot` missing for .svg and .png\n";

static const char *
picture_format(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && !strcmp(dot, ".svg")) return "svg";
    if (dot && !strcmp(dot, ".png")) return "png";
    return NULL;
}

int
cli_draw(const char *dot_text, size_t len, const char *format, const char *path)
{
    char tmp[PATH_MAX + 32];
    if (tdm_output_begin(path, tmp, sizeof tmp)) {
        fprintf(stderr, "tandem: cannot write %s: %s\n", path, strerror(errno));
        return 2;
    }
    int in[2];
    int status = 2;
    pid_t pid = pipe(in) == 0 ? fork() : -1;
    if (pid == 0) {
        dup2(in[0], 0);
        close(in[0]);
        close(in[1]);
        char t[16];
        snprintf(t, sizeof t, "-T%s", format);
        execlp("dot", "dot", t, "-o", tmp, (char *)NULL);
        _exit(127);
    }
    if (pid > 0) {
        close(in[0]);
        /* a `dot` that is missing or fails closes the pipe early: a write error, not death
         * by SIGPIPE */
        void (*was)(int) = signal(SIGPIPE, SIG_IGN);
        size_t off = 0;
        while (off < len) {
            ssize_t w = write(in[1], dot_text + off, len - off);
            if (w <= 0) break;
            off += (size_t)w;
        }
        close(in[1]);
        signal(SIGPIPE, was);
        int ws;
        if (waitpid(pid, &ws, 0) == pid && WIFEXITED(ws)) {
            if (WEXITSTATUS(ws) == 127)
                fprintf(stderr, "tandem diagram: Graphviz's `dot` is not installed (Debian "
                                "package graphviz); write a .dot file instead\n");
            else if (WEXITSTATUS(ws) != 0)
                fprintf(stderr, "tandem diagram: `dot` could not draw %s\n", path);
            else
                status = 0;
        }
    } else {
        fprintf(stderr, "tandem diagram: cannot run `dot`: %s\n", strerror(errno));
    }
    if (tdm_output_end(path, tmp, status == 0) && status == 0) {
        fprintf(stderr, "tandem: cannot write %s: %s\n", path, strerror(errno));
        status = 2;
    }
    return status;
}

int
cmd_diagram(int argc, char **argv)
{
    cli_args a;
    tdm_flowsheet *fs;
    tdm_simulation sim;
    int rc = cli_start_solving(argc, argv, "os", help, &a, &fs, &sim);
    if (rc >= 0) return rc;
    tdm_error err;
    bool solved = tdm_simulate(&sim, &err) == 0;
    if (!solved) fprintf(stderr, "%s\n(drawn without flows)\n", err.msg);
    const tdm_results *res = solved ? sim.results : NULL;
    const char *format = picture_format(a.output);
    int status = 0;
    if (!format) {
        CLI_WRITE(status, a.output, tdm_report_diagram(f, fs, res));
    } else {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        bool ok = f != NULL;
        if (f) ok = (tdm_report_diagram(f, fs, res) == 0) & (fclose(f) == 0);
        if (!ok) {
            fprintf(stderr, "tandem: out of memory\n");
            status = 2;
        } else {
            status = cli_draw(text, len, format, a.output);
        }
        free(text);
    }
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return status ? status : solved ? 0 : 1;
}
