/* failalloc.c: allocation failure injection for the fuzz replays. Linked into each
 * replay_NAME (not into the libFuzzer targets), it puts its own malloc, calloc and realloc
 * in front of the C library's (or AddressSanitizer's, which it calls in turn), counts the
 * allocations made while armed and makes one of them fail, as a system out of memory would:
 *
 *     failalloc_arm(FAILALLOC_COUNT);   run; n = failalloc_count();   (how many there are)
 *     failalloc_arm(k);                 run; the k-th returns NULL
 *
 * Allocations made by GLPK are neither counted nor failed: GLPK cannot return an allocation
 * failure to its caller (it calls its error hook, and the program ends; tandem's command
 * line reports it and exits 2, tests/cli/check_pressure.py), so a harness that failed them
 * would only test GLPK's abort. Everything else fails: tandem's own allocations and those
 * the C library makes for it (fopen's buffer, open_memstream's growth, vasprintf).
 * With $FAILALLOC_TRACE set (and AddressSanitizer), each failure prints where it was made. */
#define _GNU_SOURCE
#include <limits.h>
#include <link.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"
#include "fuzz.h"

/* The allocator this one stands in front of: AddressSanitizer's when the program is built
 * with it (its interceptors are exported under these names), else the C library's. Weak
 * references, resolved when the program is loaded: no dlsym, which itself allocates. */
extern void *__interceptor_malloc(size_t) __attribute__((weak));
extern void *__interceptor_calloc(size_t, size_t) __attribute__((weak));
extern void *__interceptor_realloc(void *, size_t) __attribute__((weak));
extern void __interceptor_free(void *) __attribute__((weak));
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

/* These run before AddressSanitizer has set itself up (the loader allocates): none of their
 * own memory accesses may be instrumented. */
#define RAW __attribute__((no_sanitize("address", "undefined")))

extern void __sanitizer_print_stack_trace(void) __attribute__((weak));

static long armed_at; /* 0: not armed */
static bool trace;    /* $FAILALLOC_TRACE: print where each failed allocation was made */
static long counted;
static bool failed;
static uintptr_t glpk_lo, glpk_hi;

static int
find_glpk(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (!info->dlpi_name || !strstr(info->dlpi_name, "libglpk")) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!glpk_lo || lo < glpk_lo) glpk_lo = lo;
        if (hi > glpk_hi) glpk_hi = hi;
    }
    return 1;
}

/* Whether the allocation called from `caller` is the one to fail. */
RAW static bool
fail_here(const void *caller)
{
    if (!armed_at) return false;
    uintptr_t c = (uintptr_t)caller;
    if (c >= glpk_lo && c < glpk_hi) return false;
    if (++counted != armed_at) return false;
    failed = true;
    if (trace && __sanitizer_print_stack_trace) __sanitizer_print_stack_trace();
    return true;
}

void
failalloc_arm(long k)
{
    if (!glpk_hi) dl_iterate_phdr(find_glpk, NULL);
    trace = getenv("FAILALLOC_TRACE") != NULL;
    counted = 0;
    failed = false;
    armed_at = k;
}

void
failalloc_disarm(void)
{
    armed_at = 0;
}

long
failalloc_count(void)
{
    return counted;
}

bool
failalloc_failed(void)
{
    return failed;
}

/* the harnesses' question (fuzz.h): was the failure of something the harness itself needed
 * caused by the injection? then the input is done with, not a crash */
bool
fuzz_alloc_failed(void)
{
    return failed;
}

RAW void *
malloc(size_t n)
{
    if (fail_here(__builtin_return_address(0))) return NULL;
    return __interceptor_malloc ? __interceptor_malloc(n) : __libc_malloc(n);
}

RAW void *
calloc(size_t n, size_t size)
{
    if (fail_here(__builtin_return_address(0))) return NULL;
    return __interceptor_calloc ? __interceptor_calloc(n, size) : __libc_calloc(n, size);
}

RAW void *
realloc(void *p, size_t n)
{
    if (fail_here(__builtin_return_address(0))) return NULL;
    return __interceptor_realloc ? __interceptor_realloc(p, n) : __libc_realloc(p, n);
}

RAW void
free(void *p)
{
    if (__interceptor_free)
        __interceptor_free(p);
    else
        __libc_free(p);
}
