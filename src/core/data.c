/* data.c: where tandem's shipped data is (tandem/data.h). The running program finds its own
 * file through the dynamic loader: the object that holds `anchor` is the tandem program, or
 * libtandem.so in a program that links the shared library. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "tandem/data.h"

#include <limits.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tandem_config.h"

static const char anchor;

typedef struct finding {
    uintptr_t addr;
    char name[PATH_MAX];
    int found;
} finding;

/* The loaded object whose segments hold f->addr: its path ("" for the main program). */
static int
holder(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    finding *f = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        if (f->addr >= lo && f->addr < lo + ph->p_memsz) {
            snprintf(f->name, sizeof f->name, "%s", info->dlpi_name ? info->dlpi_name : "");
            f->found = 1;
            return 1;
        }
    }
    return 0;
}

/* dir without its last n path components matching `tail` ("bin", "lib/x86_64-linux-gnu"):
 * 0 and dir cut when it ends so, else -1. */
static int
strip_tail(char *dir, const char *tail)
{
    if (!tail[0] || tail[0] == '/') return -1; /* an absolute bindir cannot be relocated */
    size_t d = strlen(dir), t = strlen(tail);
    if (d <= t + 1 || strcmp(dir + d - t, tail) != 0 || dir[d - t - 1] != '/') return -1;
    dir[d - t - 1] = '\0';
    return 0;
}

const char *
tdm_data_install_prefix(char *buf, size_t n)
{
    finding f = {.addr = (uintptr_t)&anchor};
    dl_iterate_phdr(holder, &f);
    if (!f.found) return NULL;
    char real[PATH_MAX];
    /* the main program's name is not given (its argv[0] may be a bare name): ask the kernel */
    if (!realpath(f.name[0] ? f.name : "/proc/self/exe", real)) return NULL;
    char *slash = strrchr(real, '/');
    if (!slash) return NULL;
    *slash = '\0';
    if (strip_tail(real, TANDEM_BINDIR) && strip_tail(real, TANDEM_LIBDIR)) return NULL;
    if ((size_t)snprintf(buf, n, "%s", real) >= n) return NULL;
    return buf;
}

int
tdm_data_places(tdm_data_place places[TDM_DATA_PLACES])
{
    int k = 0;
    const char *env = getenv("TANDEM_DATA");
    places[k].what = "$TANDEM_DATA";
    snprintf(places[k++].path, TDM_DATA_PATH, "%s", env ? env : "");
    char prefix[PATH_MAX];
    places[k].what = "installed";
    places[k].path[0] = '\0';
    if (tdm_data_install_prefix(prefix, sizeof prefix) &&
        snprintf(places[k].path, TDM_DATA_PATH, "%s/%s/tandem", prefix, TANDEM_DATADIR) >=
            TDM_DATA_PATH)
        places[k].path[0] = '\0'; /* too long to be used */
    k++;
    places[k].what = "installed prefix";
    snprintf(places[k++].path, TDM_DATA_PATH, "%s", TANDEM_DATA_INSTALLED);
    places[k].what = "source tree";
    snprintf(places[k++].path, TDM_DATA_PATH, "%s", TANDEM_SOURCE_DIR);
    return k;
}

const char *
tdm_data_dir(char *buf, size_t n, const char **what)
{
    tdm_data_place places[TDM_DATA_PLACES];
    int k = tdm_data_places(places);
    for (int i = 0; i < k; i++) {
        if (!places[i].path[0]) continue;
        char probe[TDM_DATA_PATH + 32];
        snprintf(probe, sizeof probe, "%s/costs/base2023.ini", places[i].path);
        struct stat st;
        if (stat(probe, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if ((size_t)snprintf(buf, n, "%s", places[i].path) >= n) continue;
        if (what) *what = places[i].what;
        return buf;
    }
    return NULL;
}
