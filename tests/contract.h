/* tests/contract.h: checking that the library refuses to be called wrongly (src/core/
 * contract.h). A debug build stops at a broken contract; a test cannot survive that in
 * its own process, so the wrong call runs in a child. */
#ifndef TANDEM_TEST_CONTRACT_H
#define TANDEM_TEST_CONTRACT_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs wrong(arg) in a child process. In a debug build the child must stop (SIGABRT) at the
 * broken contract of function `func`, which it names on standard error; in a release build
 * (NDEBUG) wrong runs through and returns 0 when the library answered with the error it
 * owes (a TDM_EAPI), and the child must exit 0. wrong must not use cmocka's asserts. */
static inline void
assert_contract_broken(int (*wrong)(void *), void *arg, const char *func)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        _exit(wrong(arg) ? 1 : 0);
    }
    close(fds[1]);
    char said[2000];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof said - 1 && (k = read(fds[0], said + n, sizeof said - 1 - n)) > 0)
        n += (size_t)k;
    said[n] = '\0';
    close(fds[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
#ifdef NDEBUG
    (void)func;
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
#else
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT))
        print_error("the wrong call to %s ran through (status %d): %s\n", func, status, said);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    char want[200];
    snprintf(want, sizeof want, "contract broken in %s", func);
    if (!strstr(said, want)) print_error("expected `%s`, got: %s\n", want, said);
    assert_non_null(strstr(said, want));
#endif
}

#endif
