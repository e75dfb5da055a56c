/* jobs.c: a study's points shared among threads. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "tandem/model.h"
#include "tandem/study.h"

int
tdm_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

typedef struct job {
    int k, rc;
    int (*fn)(int job, void *ctx);
    void *ctx;
    pthread_t thread;
    int started;
} job;

static void *
run(void *arg)
{
    job *j = arg;
    j->rc = j->fn(j->k, j->ctx);
    tdm_thread_end(); /* the solver's state of this thread */
    return NULL;
}

int
tdm_jobs_run(int njobs, int (*fn)(int job, void *ctx), void *ctx)
{
    if (njobs <= 1) return njobs == 1 ? fn(0, ctx) : 0;
    job *js = calloc((size_t)njobs, sizeof *js);
    if (!js) { /* no memory for the bookkeeping: one job after another */
        int rc = 0;
        for (int k = 0; k < njobs; k++) {
            int r = fn(k, ctx);
            if (r && !rc) rc = r;
        }
        return rc;
    }
    for (int k = 0; k < njobs; k++)
        js[k] = (job){.k = k, .fn = fn, .ctx = ctx};
    /* the threads start with the signals that end a run blocked: an interrupt reaches the
     * calling thread, whose handler removes the run's temporary files (a fault, SIGSEGV, still
     * reaches the thread that made it) */
    sigset_t ends, was;
    sigemptyset(&ends);
    sigaddset(&ends, SIGINT);
    sigaddset(&ends, SIGTERM);
    sigaddset(&ends, SIGHUP);
    sigaddset(&ends, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &ends, &was);
    for (int k = 1; k < njobs; k++)
        js[k].started = pthread_create(&js[k].thread, NULL, run, &js[k]) == 0;
    pthread_sigmask(SIG_SETMASK, &was, NULL);
    js[0].rc = fn(0, ctx);
    /* a thread that could not be started runs its job here, after the caller's own */
    for (int k = 1; k < njobs; k++) {
        if (js[k].started)
            pthread_join(js[k].thread, NULL);
        else
            js[k].rc = fn(k, ctx);
    }
    int rc = 0;
    for (int k = 0; k < njobs && !rc; k++)
        rc = js[k].rc;
    free(js);
    return rc;
}
