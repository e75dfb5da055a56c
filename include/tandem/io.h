/* tandem/io.h: what a run reads and what it is writing, kept on one object.
 *
 * A report is never written over a file the run read (its flowsheet, scenario, cost tables,
 * performance maps), and an interrupted run leaves no half-written file behind. Both need
 * a record: the inputs by device and inode, the temporary files being written. That record
 * is a tdm_io, owned by whoever runs the show: the command-line tool has one, and sets it
 * with tdm_io_use before it reads anything, so that its signal handler can remove what is
 * held. A program that uses the library without setting one reads and writes the same,
 * with no record kept: nothing in the library is shared between threads.
 *
 * The record belongs to the thread that called tdm_io_use: other threads (a study's jobs,
 * tdm_jobs_run) keep none, so the record itself needs no lock. */
#ifndef TANDEM_IO_H
#define TANDEM_IO_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum { TDM_IO_MAX_INPUTS = 256, TDM_IO_MAX_HELD = 32, TDM_IO_HELD_PATH = PATH_MAX + 32 };

/* All zero is empty. */
typedef struct tdm_io {
    struct {
        dev_t dev;
        ino_t ino;
    } inputs[TDM_IO_MAX_INPUTS]; /* past the limit, inputs go unrecorded */
    int ninputs;
    char held[TDM_IO_MAX_HELD][TDM_IO_HELD_PATH];
    volatile sig_atomic_t held_used[TDM_IO_MAX_HELD];
} tdm_io;

/* The I/O object the library's readers note their inputs in and its writers hold their
 * temporary files in, for the calling thread; NULL (the default) keeps no record. */
void tdm_io_use(tdm_io *io);
tdm_io *tdm_io_current(void);

/* Notes the open file f as an input (io NULL: nothing). */
void tdm_io_note_input(tdm_io *io, FILE *f);
/* Whether path is a file noted as an input (the same file, however it is named). */
bool tdm_io_is_input(const tdm_io *io, const char *path);
/* Temporary files and directories being written, before their rename into place: held
 * while they exist, dropped after, and removed by tdm_io_remove_all (which is safe in a
 * signal handler), so an interrupted run leaves nothing behind. Files held inside a held
 * directory go first. */
void tdm_io_hold(tdm_io *io, const char *path);
void tdm_io_drop(tdm_io *io, const char *path);
void tdm_io_remove_all(tdm_io *io);

/* The same on the current object (tdm_io_use): what the library's writers call. */
bool tdm_file_is_input(const char *path);
void tdm_tmp_hold(const char *path);
void tdm_tmp_drop(const char *path);
void tdm_tmp_remove_all(void);

/* An output file is written whole or not at all: tdm_output_begin makes the empty
 * temporary file tmp (n bytes for its name) to write it to, and holds it; tdm_output_end
 * puts it in place of path when ok (a rename, so no reader sees half a file, with the
 * permissions the umask gives a new file) and removes it in any case. Through a symbolic
 * link the link's target is replaced. An output that exists and is not a regular file
 * (/dev/null, /dev/stdout, a pipe) is not replaced but written into: its temporary file is
 * made in $TMPDIR (else /tmp) and copied. Both return 0, or -1 with errno set. */
int tdm_output_begin(const char *path, char *tmp, size_t n);
int tdm_output_end(const char *path, const char *tmp, bool ok);

#endif
