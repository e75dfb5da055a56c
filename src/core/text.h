/* text.h (private): small string helpers shared inside the library. */
#ifndef TANDEM_TEXT_H
#define TANDEM_TEXT_H

#include <stddef.h>

/* Levenshtein distance, capped: returns cap + 1 when larger. */
int tdm_text_distance(const char *a, const char *b, int cap);
/* The candidate nearest to s if it is close enough to be a likely typo, else NULL. */
const char *tdm_text_nearest(const char *s, const char *const *cand, int n);
/* The one message for a key a section does not take, into buf (size n): "unknown key `k`
 * for WHAT; did you mean `x`?" when a known key is near, else "unknown key `k` for WHAT
 * (accepted: a, b, c)"; " for WHAT" only when what is not NULL (a unit's kind, "an
 * electrolyzer"). Every reader of a section (a unit, [species.NAME], [flowsheet], a
 * scenario, [optimize]) says it so. */
void tdm_text_unknown_key(char *buf, size_t n, const char *key, const char *what,
                          const char *const *known, int nknown);
/* Splits a comma-separated list in place: trims blanks, stores up to max pointers into
 * items, returns the count, or -1 when an item is empty or there are more than max. */
int tdm_text_split(char *s, char **items, int max);
/* Copies s into buf (size n) with blanks trimmed at both ends; s may point into buf. */
void tdm_text_trim_copy(char *buf, size_t n, const char *s);
/* The offset of the first byte of s[0..n) that is not text: a control character other than
 * tab, or a byte that does not belong to well-formed UTF-8 (overlong forms, surrogates and
 * code points above U+10FFFF included); n when all is text. */
size_t tdm_text_bad_byte(const char *s, size_t n);

#endif
