/* The record of a run's inputs and temporary files (tandem/io.h), and writing an output
 * whole or not at all. */
#define _XOPEN_SOURCE 700 /* realpath: POSIX, in its X/Open part */
#include "tandem/io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The one pointer the command-line tool sets to its own object, in the thread that set it:
 * a study's other threads (tdm_jobs_run) read the same files again and neither note nor
 * hold any. */
static _Thread_local tdm_io *current;

void
tdm_io_use(tdm_io *io)
{
    current = io;
}

tdm_io *
tdm_io_current(void)
{
    return current;
}

void
tdm_io_note_input(tdm_io *io, FILE *f)
{
    struct stat st;
    if (!io || fstat(fileno(f), &st) != 0) return;
    for (int i = 0; i < io->ninputs; i++)
        if (io->inputs[i].dev == st.st_dev && io->inputs[i].ino == st.st_ino) return;
    if (io->ninputs < TDM_IO_MAX_INPUTS) {
        io->inputs[io->ninputs].dev = st.st_dev;
        io->inputs[io->ninputs++].ino = st.st_ino;
    }
}

bool
tdm_io_is_input(const tdm_io *io, const char *path)
{
    struct stat st;
    if (!io || stat(path, &st) != 0) return false;
    for (int i = 0; i < io->ninputs; i++)
        if (io->inputs[i].dev == st.st_dev && io->inputs[i].ino == st.st_ino) return true;
    return false;
}

void
tdm_io_hold(tdm_io *io, const char *path)
{
    size_t len = strlen(path);
    for (int i = 0; io && i < TDM_IO_MAX_HELD; i++)
        if (!io->held_used[i] && len < TDM_IO_HELD_PATH) {
            memcpy(io->held[i], path, len + 1);
            io->held_used[i] = 1;
            return;
        }
}

void
tdm_io_drop(tdm_io *io, const char *path)
{
    for (int i = 0; io && i < TDM_IO_MAX_HELD; i++)
        if (io->held_used[i] && !strcmp(io->held[i], path)) io->held_used[i] = 0;
}

void
tdm_io_remove_all(tdm_io *io)
{
    /* the latest first: the files in a directory before the directory */
    for (int i = TDM_IO_MAX_HELD - 1; io && i >= 0; i--)
        if (io->held_used[i]) {
            if (unlink(io->held[i]) != 0) rmdir(io->held[i]);
            io->held_used[i] = 0;
        }
}

bool
tdm_file_is_input(const char *path)
{
    return tdm_io_is_input(current, path);
}

void
tdm_tmp_hold(const char *path)
{
    tdm_io_hold(current, path);
}

void
tdm_tmp_drop(const char *path)
{
    tdm_io_drop(current, path);
}

void
tdm_tmp_remove_all(void)
{
    tdm_io_remove_all(current);
}

/* Whether an output at path is written in place rather than replaced: it exists and is
 * not a regular file (a device such as /dev/null, a pipe). Renaming over it would replace
 * the device itself, and a temporary file could not be made beside it. */
static bool
in_place(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

int
tdm_output_begin(const char *path, char *tmp, size_t n)
{
    int len;
    if (in_place(path)) {
        const char *dir = getenv("TMPDIR");
        len = snprintf(tmp, n, "%s/tandem-out-XXXXXX", dir && *dir ? dir : "/tmp");
    } else {
        /* beside the file, or beside a symbolic link's target: the link is kept */
        char real[PATH_MAX];
        len = snprintf(tmp, n, "%s.tmp-XXXXXX", realpath(path, real) ? real : path);
    }
    if (len < 0 || (size_t)len >= n) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    close(fd);
    tdm_tmp_hold(tmp);
    return 0;
}

/* Copies the file from into the existing non-regular file to. */
static int
copy_into(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    bool ok = in && out;
    char buf[65536];
    size_t got;
    while (ok && (got = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, got, out) == got;
    ok = ok && !ferror(in);
    int saved = errno;
    if (out && fclose(out) != 0) ok = false, saved = errno;
    if (in) fclose(in);
    errno = saved;
    return ok ? 0 : -1;
}

int
tdm_output_end(const char *path, const char *tmp, bool ok)
{
    int rc = -1, saved = errno; /* not ok: the writer's errno */
    if (ok) {
        if (in_place(path)) {
            rc = copy_into(tmp, path);
        } else {
            char real[PATH_MAX];
            const char *to = realpath(path, real) ? real : path;
            /* mkstemp made it 0600: an output gets what the user's umask gives a new file */
            mode_t mask = umask(0);
            umask(mask);
            rc = chmod(tmp, 0666 & ~mask) == 0 && rename(tmp, to) == 0 ? 0 : -1;
        }
        saved = errno;
    }
    unlink(tmp); /* gone after a rename */
    tdm_tmp_drop(tmp);
    errno = saved;
    return rc;
}
