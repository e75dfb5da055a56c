/* Reading INI text: inih parses, tandem's own line reader numbers the lines. */
#define _XOPEN_SOURCE 700 /* realpath: POSIX, in its X/Open part */
#include "tandem/ini.h"
#include "tandem/io.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <ini.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strmap.h"
#include "text.h"

/* inih reads lines through this reader. It numbers lines (so every key knows its line),
 * removes comments and indentation (so an indented key is never taken as a continuation
 * of the previous value), and records section headers (so that empty and repeated
 * sections are seen). */
struct reader {
    tdm_ini *fs;
    const char *text;
    size_t len, pos;
    int line;         /* line number of the line last handed to inih */
    tdm_section *cur; /* section of the last header */
    tdm_error err;    /* first error found by reader or handler */
    int err_line;
    int inih_maxline;
    int max_sections;
    const char *comment; /* the comment after the last line's value (NULL: none), */
    size_t ncomment;     /* kept as the key's source */
    tdm_strmap names;    /* section name -> index, to find a repeated one */
    tdm_strmap lower;    /* the same in lower case, to find one that differs only in case */
};

static void note_error(struct reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note_error(struct reader *r, int line, const char *fmt, ...)
{
    if (r->err_line && r->err_line <= line) return;
    va_list ap;
    va_start(ap, fmt);
    tdm_verrorf(&r->err, TDM_EINPUT, r->fs->path, line, fmt, ap);
    va_end(ap);
    r->err_line = line;
}

bool
tdm_ini_valid_name(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.')) return false;
    return true;
}

static tdm_section *
add_section(struct reader *r, const char *name, int line)
{
    tdm_ini *fs = r->fs;
    int seen = tdm_strmap_find(&r->names, name);
    if (seen >= 0) {
        note_error(r, line, "section [%s] appears twice (first at line %d)", name,
                   fs->secs[seen].line);
        return NULL;
    }
    char low[256];
    size_t n = 0;
    for (; name[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)name[n]);
    low[n] = '\0';
    seen = tdm_strmap_find(&r->lower, low);
    if (seen >= 0) {
        note_error(r, line,
                   "section [%s] differs from [%s] (line %d) only in case; give it a name "
                   "of its own",
                   name, fs->secs[seen].name, fs->secs[seen].line);
        return NULL;
    }
    if (fs->nsecs >= r->max_sections) {
        note_error(r, line, "too many sections (the limit is %d)", r->max_sections);
        return NULL;
    }
    if (fs->nsecs == fs->capsecs) {
        int cap = fs->capsecs ? 2 * fs->capsecs : 16;
        tdm_section *p = realloc(fs->secs, (size_t)cap * sizeof *p);
        if (!p) {
            note_error(r, line, "out of memory");
            return NULL;
        }
        fs->secs = p;
        fs->capsecs = cap;
    }
    tdm_section *s = &fs->secs[fs->nsecs];
    *s = (tdm_section){.name = tdm_arena_strdup(fs->arena, name), .line = line};
    const char *lowered = tdm_arena_strdup(fs->arena, low);
    if (!s->name || !lowered || tdm_strmap_put(&r->names, s->name, fs->nsecs) ||
        tdm_strmap_put(&r->lower, lowered, fs->nsecs)) {
        note_error(r, line, "out of memory");
        return NULL;
    }
    fs->nsecs++;
    return s;
}

static char *
reader_next(char *str, int num, void *stream)
{
    struct reader *r = stream;
    if (r->pos >= r->len) return NULL;
    r->inih_maxline = num;
    const char *start = r->text + r->pos;
    const char *nl = memchr(start, '\n', r->len - r->pos);
    size_t rawlen = nl ? (size_t)(nl - start) : r->len - r->pos;
    r->pos += rawlen + (nl ? 1 : 0);
    r->line++;
    if (rawlen && start[rawlen - 1] == '\r') rawlen--; /* CRLF */
    if (memchr(start, '\0', rawlen)) {
        note_error(r, r->line, "binary data (a NUL byte) in the file; is this an INI file?");
        rawlen = 0;
    }
    if (memchr(start, '\r', rawlen)) {
        note_error(r, r->line,
                   "stray carriage return in the line; save the file with LF or "
                   "CRLF line ends");
        rawlen = 0;
    }
    for (size_t i = 0; i + 3 <= rawlen; i++)
        if (!memcmp(start + i, "\xef\xbb\xbf", 3)) {
            note_error(r, r->line,
                       "a byte-order mark (U+FEFF) at column %zu, inside the file; remove it "
                       "(were two files joined?)",
                       i + 1);
            rawlen = 0;
        }
    size_t bad = tdm_text_bad_byte(start, rawlen);
    if (bad < rawlen) {
        unsigned char c = (unsigned char)start[bad];
        if (c < 0x20 || c == 0x7f)
            note_error(r, r->line, "control character 0x%02X at column %zu; is this a text file?",
                       c, bad + 1);
        else
            note_error(r, r->line, "byte 0x%02X at column %zu is not UTF-8; save the file as UTF-8",
                       c, bad + 1);
        rawlen = 0;
    }
    /* indentation */
    size_t b = 0;
    while (b < rawlen && (start[b] == ' ' || start[b] == '\t'))
        b++;
    /* comments: whole line, or ';' / '#' after a blank */
    size_t e = b;
    if (e < rawlen && (start[e] == ';' || start[e] == '#'))
        e = b;
    else {
        for (; e < rawlen; e++)
            if ((start[e] == ';' || start[e] == '#') && e > b &&
                (start[e - 1] == ' ' || start[e - 1] == '\t'))
                break;
    }
    /* a comment after a value is kept with its key: it names the value's source */
    r->comment = NULL;
    r->ncomment = 0;
    if (e > b && e < rawlen) {
        size_t c = e + 1;
        while (c < rawlen && (start[c] == ' ' || start[c] == '\t'))
            c++;
        size_t ce = rawlen;
        while (ce > c && (start[ce - 1] == ' ' || start[ce - 1] == '\t'))
            ce--;
        if (ce > c) {
            r->comment = start + c;
            r->ncomment = ce - c;
        }
    }
    while (e > b && (start[e - 1] == ' ' || start[e - 1] == '\t'))
        e--;
    size_t n = e - b;
    if (n + 3 > (size_t)num) {
        note_error(r, r->line, "line is too long (%zu characters; at most %d without comments)", n,
                   num - 3);
        n = 0;
    }
    memcpy(str, start + b, n);
    if (n && str[0] == '[') {
        if (str[n - 1] != ']') {
            note_error(r, r->line, "section header must end with `]`");
            n = 0;
        } else {
            char name[256];
            size_t nl2 = n - 2 < sizeof name - 1 ? n - 2 : sizeof name - 1;
            memcpy(name, str + 1, nl2);
            name[nl2] = '\0';
            char trimmed[256];
            tdm_text_trim_copy(trimmed, sizeof trimmed, name);
            if (!tdm_ini_valid_name(trimmed)) {
                note_error(r, r->line,
                           "section name `%s` is not valid: use letters, digits, `_`, `-`, `.`",
                           trimmed);
                r->cur = NULL;
            } else {
                r->cur = add_section(r, trimmed, r->line);
            }
        }
    }
    str[n] = '\n';
    str[n + 1] = '\0';
    return str;
}

int
tdm_ini_add(tdm_arena *a, tdm_section *s, const char *key, const char *value, int line)
{
    if (s->nkv == s->cap) {
        int cap = s->cap ? 2 * s->cap : 16;
        tdm_kv *p = tdm_arena_calloc(a, (size_t)cap, sizeof *p);
        if (!p) return -1;
        if (s->nkv) memcpy(p, s->kv, (size_t)s->nkv * sizeof *p);
        s->kv = p;
        s->cap = cap;
    }
    tdm_kv kv = {
        .key = tdm_arena_strdup(a, key), .value = tdm_arena_strdup(a, value), .line = line};
    if (!kv.key || !kv.value) return -1;
    s->kv[s->nkv++] = kv;
    return 0;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
    struct reader *r = user;
    (void)section;
    if (!r->cur) {
        if (r->fs->nsecs == 0) note_error(r, r->line, "`%s` comes before any [section]", name);
        return 1; /* the header's own error is already noted */
    }
    tdm_section *s = r->cur;
    if (!*name) {
        note_error(r, r->line, "[%s] a line has a value but no key", s->name);
        return 1;
    }
    for (int i = 0; i < s->nkv; i++)
        if (strcmp(s->kv[i].key, name) == 0) {
            note_error(r, r->line, "[%s] key `%s` is given twice (first at line %d)", s->name, name,
                       s->kv[i].line);
            return 1;
        }
    if (s->nkv >= TDM_MAX_KEYS_PER_SECTION) {
        note_error(r, r->line, "[%s] too many keys (the limit is %d)", s->name,
                   TDM_MAX_KEYS_PER_SECTION);
        return 1;
    }
    if (tdm_ini_add(r->fs->arena, s, name, value, r->line)) {
        note_error(r, r->line, "out of memory");
    } else if (r->comment) {
        tdm_kv *kv = &s->kv[s->nkv - 1];
        if (!(kv->comment = tdm_arena_strndup(r->fs->arena, r->comment, r->ncomment)))
            note_error(r, r->line, "out of memory");
    }
    return 1;
}

/* The text of line n (1-based), for messages. */
static void
raw_line(const char *text, size_t len, int n, char *buf, size_t bufn)
{
    size_t pos = 0;
    for (int i = 1; i < n && pos < len; i++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        if (!nl) {
            pos = len;
            break;
        }
        pos = (size_t)(nl - text) + 1;
    }
    size_t e = pos;
    while (e < len && text[e] != '\n' && text[e] != '\r' && e - pos < bufn - 1)
        e++;
    size_t k = 0;
    for (size_t i = pos; i < e; i++)
        buf[k++] = isprint((unsigned char)text[i]) ? text[i] : '?';
    buf[k] = '\0';
    tdm_text_trim_copy(buf, bufn, buf);
}

int
tdm_ini_read(tdm_ini *doc, const char *text, size_t len, int max_sections, tdm_error *err)
{
    struct reader r = {.fs = doc, .text = text, .len = len, .max_sections = max_sections};
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) r.pos = 3; /* UTF-8 BOM */
    int rc = ini_parse_stream(reader_next, &r, handler, &r);
    tdm_strmap_free(&r.names);
    tdm_strmap_free(&r.lower);
    if (rc > 0 && (!r.err_line || rc < r.err_line)) {
        char raw[120];
        raw_line(text, len, rc, raw, sizeof raw);
        note_error(&r, rc, "cannot read `%s`: expected `key = value` or `[section]`", raw);
    } else if (rc < 0 && !r.err_line) {
        note_error(&r, 1, "cannot parse the file (inih error %d)", rc);
    }
    if (r.err_line) {
        *err = r.err;
        return -1;
    }
    return 0;
}

const tdm_section *
tdm_ini_section(const tdm_ini *doc, const char *name)
{
    for (int i = 0; i < doc->nsecs; i++)
        if (strcmp(doc->secs[i].name, name) == 0) return &doc->secs[i];
    return NULL;
}

const tdm_kv *
tdm_ini_kv(const tdm_section *s, const char *key)
{
    /* the first letters differ for most keys: look at them before calling strcmp (a unit
     * re-read in a Monte Carlo run asks for every key it knows) */
    for (int i = 0; s && i < s->nkv; i++)
        if (s->kv[i].key[0] == key[0] && strcmp(s->kv[i].key, key) == 0) return &s->kv[i];
    return NULL;
}

size_t
tdm_max_file_bytes(void)
{
    const char *env = getenv("TANDEM_MAX_FILE_MB");
    if (env && *env) {
        char *end;
        long mb = strtol(env, &end, 10);
        if (*end == '\0' && mb >= 1 && mb <= 4096) return (size_t)mb << 20;
    }
    return TDM_DEFAULT_MAX_FILE_BYTES;
}

FILE *
tdm_open_input(const char *path, tdm_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    tdm_io_note_input(tdm_io_current(), f);
    return f;
}

int
tdm_read_file(const char *path, char **text, size_t *len, tdm_error *err)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot open: %s", strerror(errno));
    tdm_io_note_input(tdm_io_current(), f);
    size_t cap = 65536, n = 0, limit = tdm_max_file_bytes();
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    }
    for (;;) {
        if (n == cap) {
            if (cap > limit) break;
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                fclose(f);
                return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
            }
            buf = p;
            cap *= 2;
        }
        errno = 0;
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f), why = errno;
    if (!bad && n > limit) {
        /* reading stopped past the limit: the size from the file system when it knows it */
        struct stat st;
        bool known = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size >= n;
        fclose(f);
        free(buf);
        if (known)
            return tdm_errorf(err, TDM_EINPUT, path, 0,
                              "file is too large (%jd bytes; the limit is %zu, "
                              "$TANDEM_MAX_FILE_MB sets another)",
                              (intmax_t)st.st_size, limit);
        return tdm_errorf(err, TDM_EINPUT, path, 0,
                          "file is too large (over %zu bytes; the limit is %zu, "
                          "$TANDEM_MAX_FILE_MB sets another)",
                          n, limit);
    }
    fclose(f);
    if (bad) {
        free(buf);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot read the file: %s",
                          why ? strerror(why) : "a read error");
    }
    if (n == cap) { /* room for the terminating NUL */
        char *p = realloc(buf, cap + 1);
        if (!p) {
            free(buf);
            return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
        }
        buf = p;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}
