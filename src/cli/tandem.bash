# bash completion for tandem, installed as share/bash-completion/completions/tandem.
# Commands and each command's options come from the tool's own help texts (`tandem --help`,
# `tandem COMMAND --help`), so they stay what the tool takes; --set completes the units of
# the flowsheet named on the line (and scenario.), kinds and catalysts their names.

_tandem_units() { # the [sections] of a flowsheet but [flowsheet], [optimize], [uncertainty]
    sed -n 's/^[[:space:]]*\[\([^].[:space:]]*\)\][[:space:]]*\(;.*\)\{0,1\}$/\1/p' "$1" 2>/dev/null |
        grep -v -x -e flowsheet -e optimize -e uncertainty
}

_tandem() {
    local cur prev cmd i file
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    local tool=${COMP_WORDS[0]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        local cmds
        cmds=$("$tool" --help 2>/dev/null | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$cmds --help --version" -- "$cur"))
        return 0
    fi
    cmd=${COMP_WORDS[1]}
    file=
    for ((i = 2; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        *.ini) [ -z "$file" ] && file=${COMP_WORDS[i]} ;;
        esac
    done
    case $prev in
    --format)
        COMPREPLY=($(compgen -W "text csv json markdown" -- "$cur"))
        return 0
        ;;
    --layout)
        COMPREPLY=($(compgen -W "columns rows" -- "$cur"))
        return 0
        ;;
    --objective)
        # the objectives as `tandem optimize --help` lists them from their table
        local objectives
        objectives=$("${COMP_WORDS[0]}" optimize --help 2>/dev/null |
            sed -n '/^objectives:/,$s/^  \([a-z_][a-z_]*\) .*/\1/p')
        COMPREPLY=($(compgen -W "$objectives" -- "$cur"))
        return 0
        ;;
    --set | --vary)
        local units=
        [ -n "$file" ] && units=$(_tandem_units "$file" | sed 's/$/./')
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "$units scenario." -- "$cur"))
        return 0
        ;;
    --scenario | --params | --samples-csv | --chart | -o | --output | --report)
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    esac
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$tool" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts --help" -- "$cur"))
        return 0
    fi
    case $cmd in
    kinds)
        COMPREPLY=($(compgen -W "$("$tool" kinds 2>/dev/null | awk '{print $1}')" -- "$cur"))
        ;;
    catalysts)
        COMPREPLY=($(compgen -W "$("$tool" catalysts 2>/dev/null | awk 'NR > 1 {print $1}')" -- "$cur"))
        ;;
    explain)
        if [ -n "$file" ]; then
            COMPREPLY=($(compgen -W "$(_tandem_units "$file")" -- "$cur"))
        else
            COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur"))
        fi
        ;;
    merge)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
        ;;
    *)
        COMPREPLY=($(compgen -f -X '!*.ini' -- "$cur") $(compgen -d -- "$cur"))
        ;;
    esac
    return 0
}
complete -F _tandem tandem
