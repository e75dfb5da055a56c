/* Fuzzes `tandem serve` with HTTP requests: the input is what a client sends, every `$PORT`
 * in it replaced by the port the server listens on (so that an input can name the server's
 * own Host). The server (cmd_serve.c, libmicrohttpd in a thread of its own) serves
 * flowsheets/one_cell_mea.ini priced in costs/base2023.ini; each input goes through a new
 * connection, whose sending side is then closed, and the answer is read to its end (or
 * for 250 ms, for a request that is not whole).
 * Promises checked, besides no crash and no sanitizer report:
 * - an answer is HTTP, or nothing (a request libmicrohttpd refuses is closed unanswered);
 * - a request that does not name the server's port in it gets no 200 (the Host check);
 * - a JSON answer is one object, whole, with no NaN or Inf as a number (a string may echo
 *   what the request said). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz.h"
#include "tandem/flowsheet.h"
#include "tandem/tea.h"

#ifndef TANDEM_FUZZ_COSTS
#error "TANDEM_FUZZ_COSTS: the directory of the shipped cost tables"
#endif
#ifndef TANDEM_FUZZ_FLOWSHEETS
#error "TANDEM_FUZZ_FLOWSHEETS: the directory of the shipped flowsheets"
#endif

static cli_server *srv;
static unsigned port;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    signal(SIGPIPE, SIG_IGN); /* a server that closes first is an answer, not a crash */
    tdm_flowsheet *fs = NULL;
    tdm_scenario *sc = NULL;
    tdm_error err;
    if (tdm_flowsheet_load(TANDEM_FUZZ_FLOWSHEETS "/one_cell_mea.ini", &fs, &err) ||
        tdm_scenario_load(TANDEM_FUZZ_COSTS "/base2023.ini", &sc, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        abort();
    }
    int status;
    srv = cli_serve_start(fs, sc, 0, &port, &status);
    if (!srv) abort(); /* it said why */
    return 0;
}

/* The input with `$PORT` replaced; NULL when out of memory. */
static char *
request(const uint8_t *data, size_t size, size_t *len, bool *names_port)
{
    char p[16];
    int pl = snprintf(p, sizeof p, "%u", port);
    char *out = malloc(size * 3 + 1); /* "$PORT" (5 bytes) becomes at most 5 digits */
    if (!out) return NULL;
    size_t n = 0;
    *names_port = false;
    for (size_t i = 0; i < size;) {
        if (i + 5 <= size && !memcmp(data + i, "$PORT", 5)) {
            memcpy(out + n, p, (size_t)pl);
            n += (size_t)pl;
            i += 5;
            *names_port = true;
        } else {
            out[n++] = (char)data[i++];
        }
    }
    *len = n;
    /* the port itself, written out (a fuzzer can learn it from the Host comparison) */
    for (size_t i = 0; i + (size_t)pl <= n && !*names_port; i++)
        *names_port = !memcmp(out + i, p, (size_t)pl);
    return out;
}

static void
check_answer(const char *a, size_t n, bool names_port, const char *req, size_t reqlen)
{
    if (n == 0) return;
    if (n < 12 || memcmp(a, "HTTP/1.", 7) != 0) {
        fprintf(stderr, "an answer that is not HTTP: %.*s\n", (int)(n < 200 ? n : 200), a);
        abort();
    }
    int status = atoi(a + 9);
    if (status == 200 && !names_port) {
        fprintf(stderr, "200 to a request that cannot name the server's Host:\n%.*s\n", (int)reqlen,
                req);
        abort();
    }
    const char *head_end = NULL;
    for (size_t i = 0; i + 4 <= n && !head_end; i++)
        if (!memcmp(a + i, "\r\n\r\n", 4)) head_end = a + i + 4;
    if (!head_end) {
        fprintf(stderr, "an answer without the end of its header\n");
        abort();
    }
    bool json = false;
    for (const char *h = a; h + 30 <= head_end && !json; h++)
        json = !strncasecmp(h, "\r\nContent-Type: application/json", 32);
    if (!json) return;
    const char *body = head_end;
    size_t bl = n - (size_t)(head_end - a);
    /* NaN or Inf outside strings: a string may echo the request's own `p0=-inf` */
    char *bare = malloc(bl + 1);
    FUZZ_NEED_VOID(bare);
    bool in_string = false;
    for (size_t i = 0; i < bl; i++) {
        char ch = body[i];
        if (in_string && ch == '\\' && i + 1 < bl) {
            bare[i] = bare[i + 1] = ' ';
            i++;
            continue;
        }
        if (ch == '"') in_string = !in_string;
        bare[i] = in_string || ch == '"' ? ' ' : ch;
    }
    bool nan_number = fuzz_says_nan(bare, bl);
    free(bare);
    if (bl < 3 || body[0] != '{' || memcmp(body + bl - 2, "}\n", 2) != 0 || in_string ||
        nan_number) {
        fprintf(stderr, "a JSON answer that is cut, or shows NaN or Inf:\n%.*s\n",
                (int)(bl < 2000 ? bl : 2000), body);
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!srv) LLVMFuzzerInitialize(NULL, NULL);
    if (size > 65536) return 0;
    size_t len;
    bool names_port;
    char *req = request(data, size, &len, &names_port);
    FUZZ_NEED(req);
    struct sockaddr_in addr = {.sin_family = AF_INET,
                               .sin_port = htons((uint16_t)port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    /* a connection refused once in 20,000 (the machine's, not the server's: it does not
     * come back on the same input) is tried again; a server that stops accepting for 5 s
     * is a failure */
    int fd = -1;
    for (int tries = 0; fd < 0; tries++) {
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) abort();
        if (connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) break;
        int why = errno;
        close(fd);
        fd = -1;
        if (tries == 500) {
            fprintf(stderr, "the server accepts no connection for 5 s: %s\n", strerror(why));
            abort();
        }
        nanosleep(&(struct timespec){.tv_nsec = 10000000}, NULL);
    }
    /* send all of it, while reading what comes back: a long request may be answered (and
     * the connection closed) before its end */
    size_t sent = 0, got = 0, cap = 1 << 16;
    char *ans = malloc(cap);
    if (!ans) abort();
    bool wrote_all = len == 0, closed = false, waited = false;
    if (wrote_all) shutdown(fd, SHUT_WR);
    while (!closed) {
        struct pollfd p = {.fd = fd, .events = POLLIN | (wrote_all ? 0 : POLLOUT)};
        /* an incomplete request is answered by nothing: the server waits 10 s for its end
         * (tests/serve/check_serve_limits.py tests that it then closes), as it does for
         * some it cannot parse (libmicrohttpd 0.9.75: a request line of 5 to 60 kB whose
         * arguments fill its connection memory). Here a request that nothing answers within
         * 250 ms is done with, its answer not checked; a whole one is answered in a few ms
         * (a diagram in some 100). */
        int r = poll(&p, 1, 250);
        if (r == 0) {
            waited = true;
            break;
        }
        if (r < 0) {
            if (errno == EINTR) continue;
            abort();
        }
        if (!wrote_all && (p.revents & POLLOUT)) {
            ssize_t w = send(fd, req + sent, len - sent, MSG_NOSIGNAL);
            if (w > 0) sent += (size_t)w;
            if (w < 0 || sent == len) {
                wrote_all = true;
                shutdown(fd, SHUT_WR);
            }
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            if (got == cap) {
                char *bigger = realloc(ans, cap *= 2);
                if (!bigger) abort();
                ans = bigger;
            }
            ssize_t r2 = recv(fd, ans + got, cap - got, 0);
            if (r2 > 0)
                got += (size_t)r2;
            else
                closed = true; /* the end, or a reset */
        }
    }
    close(fd);
    if (!waited) check_answer(ans, got, names_port, req, len);
    free(ans);
    free(req);
    return 0;
}
