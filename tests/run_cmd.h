/* run_cmd.h: runs the tandem binary in a child process and captures what it prints. */
#ifndef TANDEM_TEST_RUN_CMD_H
#define TANDEM_TEST_RUN_CMD_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run_result {
    int status;      /* exit status, or 128 + signal */
    char *out, *err; /* everything printed (malloc'ed, NUL-terminated) */
} run_result;

static inline char *
slurp_fd(int fd)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    lseek(fd, 0, SEEK_SET);
    for (;;) {
        if (len + 1 >= cap) buf = realloc(buf, cap *= 2);
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n <= 0) break;
        len += (size_t)n;
    }
    buf[len] = '\0';
    return buf;
}

/* argv[0] is ignored: the binary comes from $TANDEM_BIN. */
static inline run_result
run_tandem(const char *const *args)
{
    const char *bin = getenv("TANDEM_BIN");
    run_result r = {0};
    char outname[] = "/tmp/tandem-test-outXXXXXX", errname[] = "/tmp/tandem-test-errXXXXXX";
    int fo = mkstemp(outname), fe = mkstemp(errname);
    unlink(outname);
    unlink(errname);
    char *argv[64];
    int n = 0;
    argv[n++] = (char *)(bin ? bin : "tandem");
    for (int i = 0; args[i] && n < 63; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fo, 1);
        dup2(fe, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp_fd(fo);
    r.err = slurp_fd(fe);
    close(fo);
    close(fe);
    return r;
}

static inline void
run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

#endif
