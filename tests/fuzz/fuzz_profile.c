/* Fuzzes a dispatch profile's reader (tandem/dispatch.h): the input is the CSV, written to a
 * file of its own and read as `tandem dispatch --profile` reads it. Whatever loads has as
 * many numbers as periods, every one finite, prices and intensities and availabilities in
 * their ranges; whatever does not names the file. */
#include <math.h>
#include <unistd.h>

#include "fuzz.h"
#include "tandem/dispatch.h"

static char path[256];

static void
cleanup(void)
{
    unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/tandem-fuzz-profile-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) abort();
    close(fd);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    if (!path[0]) LLVMFuzzerInitialize(NULL, NULL);
    if (!registered++) atexit(cleanup);
    FILE *f = fopen(path, "wb");
    FUZZ_NEED(f);
    bool ok = fwrite(data, 1, size, f) == size;
    FUZZ_NEED(fclose(f) == 0 && ok);
    tdm_profile p;
    tdm_error err = {0};
    if (tdm_profile_load(path, &p, &err) == 0) {
        if (!(p.n > 0 && p.dt > 0 && isfinite(p.dt) && p.source)) abort();
        for (int t = 0; t < p.n; t++) {
            if (!isfinite(p.price[t])) abort();
            if (p.intensity && !(p.intensity[t] >= 0 && isfinite(p.intensity[t]))) abort();
            if (p.available && !(p.available[t] >= 0 && p.available[t] <= 1)) abort();
        }
        tdm_profile_free(&p);
    } else if (err.cls != TDM_ESYSTEM && !strstr(err.msg, path)) {
        abort(); /* every error names the file it is about */
    }
    return 0;
}
