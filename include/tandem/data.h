/* tandem/data.h: where tandem finds what it ships: the cost data (costs/), the flowsheets
 * (flowsheets/) and the charts module (tandem-graphics.so).
 *
 * A data directory holds costs/ and flowsheets/. The places, in the order they are tried:
 *
 *   1. $TANDEM_DATA
 *   2. the installation the running program (or libtandem.so) is part of: PREFIX/share/tandem
 *      found from where the program itself lies, so that a moved or staged installation
 *      (`meson install --destdir`) finds its own data
 *   3. where `meson install` puts it for the configured prefix
 *   4. the source tree the program was built from
 *
 * The first that holds costs/base2023.ini is the one in use. Nothing here is kept between
 * calls: each call looks again. */
#ifndef TANDEM_DATA_H
#define TANDEM_DATA_H

#include <stddef.h>

enum { TDM_DATA_PLACES = 4, TDM_DATA_PATH = 1024 };

typedef struct tdm_data_place {
    const char *what;         /* "$TANDEM_DATA", "installed", "installed prefix", "source tree" */
    char path[TDM_DATA_PATH]; /* "" when the place does not apply (no $TANDEM_DATA set) */
} tdm_data_place;

/* The places in the order they are tried; returns how many were filled. */
int tdm_data_places(tdm_data_place places[TDM_DATA_PLACES]);

/* The data directory in use, with *what saying which place it is (may be NULL); NULL when
 * none of the places holds costs/base2023.ini. */
const char *tdm_data_dir(char *buf, size_t n, const char **what);

/* The prefix of the installation the running program or libtandem.so lies in (the
 * directory above its bin/ or lib/), or NULL when it does not lie in one (a build tree). */
const char *tdm_data_install_prefix(char *buf, size_t n);

#endif
