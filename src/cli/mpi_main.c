/* tandem-mpi: `tandem mc` across the ranks of an MPI run. Each rank computes its slice of
 * the samples (sample i depends only on the seed and i), rank 0 gathers them in order and
 * reports exactly what one process would:
 *     mpirun -np 8 tandem-mpi mc FILE --samples 1000000 --target 6000 */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tandem/io.h"
#include "tandem/study.h"

static int
gather(tdm_mc *mc, void *ctx)
{
    (void)ctx;
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int *counts = malloc(sizeof *counts * (size_t)size * 2), *displs = counts + size;
    double *x = NULL, *y = NULL;
    int ok = counts != NULL;
    if (rank == 0 && ok) {
        x = malloc(sizeof *x * (size_t)(mc->n * mc->np + 1));
        y = malloc(sizeof *y * (size_t)(mc->n * mc->nout + 1));
        ok = x && y;
    }
    MPI_Allreduce(MPI_IN_PLACE, &ok, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    if (!ok) {
        free(counts);
        free(x);
        free(y);
        return -1;
    }
    /* slice r is samples n r / size .. n (r + 1) / size - 1, as cli_mc computes them */
    for (int pass = 0; pass < 2; pass++) {
        int w = pass == 0 ? mc->np : mc->nout;
        for (int r = 0; r < size; r++) {
            long first = mc->n * r / size, last = mc->n * (r + 1) / size;
            counts[r] = (int)((last - first) * w);
            displs[r] = (int)(first * w);
        }
        MPI_Gatherv(pass == 0 ? mc->x : mc->y, (int)(mc->count * w), MPI_DOUBLE, pass == 0 ? x : y,
                    counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    }
    free(counts);
    if (rank == 0) {
        free(mc->x);
        free(mc->y);
        mc->x = x;
        mc->y = y;
        mc->first = 0;
        mc->count = mc->n;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    static tdm_io io; /* the rank's I/O object, as tandem's (main.c) */
    tdm_io_use(&io);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int status;
    if (cli_glpk_guard()) {
        status = 2;
    } else if (argc < 2 || strcmp(argv[1], "mc")) {
        if (rank == 0)
            fputs("usage: mpirun -np N tandem-mpi mc FILE [tandem mc options]\n", stderr);
        status = 2;
    } else {
        cli_mc_split split = {rank, size, gather, NULL};
        /* mc's start-up (commands.c), then its body with the ranks' split */
        cli_run *run = calloc(1, sizeof *run);
        status = run ? cli_run_begin(cli_command_find("mc"), argc - 1, argv + 1, run) : 2;
        if (status < 0) {
            status = cli_mc(run, &split);
            cli_run_end(run);
        }
        free(run);
    }
    /* every rank ends with the worst status, so mpirun reports a failure of any */
    MPI_Allreduce(MPI_IN_PLACE, &status, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return status;
}
