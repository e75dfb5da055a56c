#!/bin/sh
# make_man.sh TANDEM VERSION: the manual page tandem(1), made from the tool's own help texts
# (`tandem --help` and `tandem COMMAND --help` for every command it lists), so that the page
# says what the tool says. Written to standard output as roff; meson installs it.
set -eu
tandem=$1
version=$2

# roff-safe text: a backslash is \e, a minus is \-, and a line may not open with . or '
escape() {
    sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

commands=$("$tandem" --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || { echo "make_man.sh: $tandem --help lists no commands" >&2; exit 1; }

cat <<HEAD
.TH TANDEM 1 "" "tandem $version" "User Commands"
.SH NAME
tandem \\- flowsheets and techno\\-economics of tandem (cascade) reactor systems
.SH SYNOPSIS
.B tandem
.I COMMAND
[options] [FILE...]
.SH DESCRIPTION
.nf
HEAD
"$tandem" --help | sed '1,/^$/d' | escape
cat <<'MID'
.fi
.SH COMMANDS
MID
for c in $commands; do
    printf '.SS %s\n.nf\n' "$c"
    "$tandem" "$c" --help | escape
    printf '.fi\n'
done
cat <<'TAIL'
.SH ENVIRONMENT
.TP
.B TANDEM_DATA
A folder holding costs/ (and flowsheets/): the cost data a flowsheet is priced with when
neither \-\-scenario nor the flowsheet's own scenario key names one.
.TP
.B TANDEM_MAX_FILE_MB
The largest file read whole (a flowsheet, a scenario, a cost table), in MiB, 1 to 4096;
64 by default. Monte Carlo shards are read line by line, of any size.
.TP
.B TANDEM_GRAPHICS
The charts and workbook module (tandem\-graphics.so) to load instead of the installed one.
.SH FILES
The cost data and the shipped flowsheets are looked for in $TANDEM_DATA, then in
.I PREFIX/share/tandem
of the installation the program lies in, then where it was installed, then in the source
tree it was built from;
.B tandem \-\-version
names the folder in use. The charts module is
.IR PREFIX/lib/tandem/tandem\-graphics.so .
.SH EXIT STATUS
0 ok, 1 the flowsheet cannot be solved or a check failed, 2 bad input.
TAIL
