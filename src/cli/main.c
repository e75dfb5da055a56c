/* tandem: flowsheets and techno-economics of tandem (cascade) reactor systems. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tandem/data.h"
#include "tandem/ini.h"
#include "tandem/io.h"
#include "tandem_config.h"

/* The version, and the data directory in use: the cost data a flowsheet without a scenario
 * of its own is priced with. */
static int
version(void)
{
    printf("tandem %s\n", TANDEM_VERSION);
    char dir[TDM_DATA_PATH];
    const char *what;
    if (tdm_data_dir(dir, sizeof dir, &what)) {
        printf("data: %s (%s)\n", dir, what);
        return 0;
    }
    tdm_data_place places[TDM_DATA_PLACES];
    int n = tdm_data_places(places);
    printf("data: none found; looked for costs/base2023.ini in");
    for (int i = 0; i < n; i++)
        printf("%s %s (%s)", i ? "," : "", places[i].what,
               places[i].path[0] ? places[i].path : "not set");
    printf("\n");
    return 0;
}

/* The value of an option that names a file tandem writes ("-o F", "--chart=F"), or NULL. */
static const char *
output_value(int argc, char **argv, int *i)
{
    static const char *const opts[] = {"-o", "--output", "--chart", "--samples-csv", NULL};
    for (int k = 0; opts[k]; k++) {
        size_t n = strlen(opts[k]);
        if (!strncmp(argv[*i], opts[k], n) && argv[*i][n] == '=') return argv[*i] + n + 1;
        if (!strcmp(argv[*i], opts[k]) && *i + 1 < argc) return argv[++*i];
    }
    return NULL;
}

/* A run never writes its inputs: an output that is one of the files named on the command
 * line (the same file, however it is spelled) is refused before anything is read. */
static bool
writes_an_input(int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        int at = i;
        const char *out = output_value(argc, argv, &i);
        struct stat so;
        if (!out || stat(out, &so) != 0) continue;
        for (int j = 2; j < argc; j++) {
            struct stat si;
            if (j == at || j == i || argv[j][0] == '-' || stat(argv[j], &si) != 0 ||
                !S_ISREG(si.st_mode))
                continue;
            if (si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
                fprintf(stderr,
                        "tandem %s: `%s` would overwrite the input `%s`; tandem never "
                        "writes its inputs\n",
                        argv[1], out, argv[j]);
                return true;
            }
        }
    }
    return false;
}

/* An interrupted run removes the temporary files it was writing, then dies of the signal
 * as it would have. */
static void
on_signal(int sig)
{
    tdm_tmp_remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

int
main(int argc, char **argv)
{
    /* the run's I/O object (tandem/io.h): the files it read, so that no report is written
     * over one, and the temporary files it is writing, which the signal handler removes */
    static tdm_io io;
    tdm_io_use(&io);
    if (cli_glpk_guard()) return 2;
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* past a file-size limit (ulimit -f) a write fails with EFBIG, which the output path
     * reports and cleans up after, instead of the process dying of SIGXFSZ with its
     * temporary files left behind and nothing said */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        cli_usage(stderr);
        return 2;
    }
    const char *name = argv[1];
    if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
        cli_usage(stdout);
        return 0;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "version")) return version();
    const cli_command *cmd = cli_command_find(name);
    if (!cmd) {
        fprintf(stderr, "tandem: unknown command `%s`\n\n", name);
        cli_usage(stderr);
        return 2;
    }
    if (writes_an_input(argc, argv)) return 2;
    return cli_command_run(cmd, argc - 1, argv + 1);
}
