/* tandem/error.h: errors as values, written for people.
 *
 * Every function that can fail returns int (0 = ok, non-zero = failed) and fills a
 * tdm_error. The message is complete and ready to print, in the form
 *
 *     flowsheets/a.ini:14: [cell2] faradaic efficiencies sum to 1.12 (must be <= 1)
 *
 * The library never prints and never exits; the command-line tool prints the message
 * and chooses the exit status from the error's class. */
#ifndef TANDEM_ERROR_H
#define TANDEM_ERROR_H

#include <stdarg.h>

enum tdm_error_class {
    TDM_OK = 0,
    TDM_EINPUT,  /* bad input: syntax, units, unknown names, impossible values (exit 2) */
    TDM_ESOLVE,  /* the input is well formed but the flowsheet cannot be solved (exit 1) */
    TDM_ESYSTEM, /* out of memory, unreadable file, failed write (exit 2) */
    TDM_EAPI,    /* the library called wrongly: a bug in the caller, not in its input (exit 2;
                  * a debug build stops at the broken contract instead) */
};

/* What a caller may act on, beside the class: a kind of failure that changes what it
 * reports, so that no caller reads the message to find out. */
enum tdm_error_reason {
    TDM_R_NONE = 0,
    TDM_R_CONTRADICTION, /* the balances and specifications contradict each other */
    TDM_R_NO_SCENARIO,   /* a figure or parameter of the costs, with no cost scenario loaded */
};

/* The message is whole in msg; its parts are fields, so that a caller that re-attributes an
 * error (to a CSV column, an [optimize] line) takes the part it needs, never parses text. */
typedef struct tdm_error {
    enum tdm_error_class cls;
    enum tdm_error_reason reason;
    int line, col;    /* where in the file the message names; 0: not given */
    int text;         /* msg + text: the message without its "file:line: " */
    int detail;       /* msg + detail: without the section's "[name] " too (= text: none) */
    char section[64]; /* the unit or section the message is about ("cell2", "optimize"), "" */
    char msg[1024];
    char file[512]; /* the file the message names ("" none) */
    char key[128];  /* the key of the line it names, once tdm_error_find_key found it; "" */
} tdm_error;

void tdm_error_clear(tdm_error *err);
/* The key on the line the error names, read again from its INI file (a flowsheet, a
 * scenario) into err->key: for a program that reports the key apart from the message.
 * Nothing when the error names no line, or the line holds no key. */
void tdm_error_find_key(tdm_error *err);

/* Fills err with "file:line: message" (file may be NULL, line <= 0 leaves it out) and
 * returns -1, so that callers can write `return tdm_errorf(...)`. */
int tdm_errorf(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with a column: "file:line:column: message" (for CSV cells). */
int tdm_errorf_col(tdm_error *err, enum tdm_error_class cls, const char *file, int line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int tdm_verrorf(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
                const char *fmt, va_list ap);
/* "file:line: [section] message", the section recorded (a unit's name, `optimize`,
 * `scenario`): what unit kinds and section readers report. */
int tdm_errorf_in(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
                  const char *section, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int tdm_verrorf_in(tdm_error *err, enum tdm_error_class cls, const char *file, int line,
                   const char *section, const char *fmt, va_list ap);

#endif
