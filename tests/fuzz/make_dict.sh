#!/bin/sh
# make_dict.sh TANDEM [FILE]: the libFuzzer dictionary of the flowsheet and pipeline harnesses
# (tests/fuzz/flowsheet.dict), from what the tool itself lists: the unit kinds with their
# ports and keys, the species, the catalyst presets, and the words, units and sections a
# flowsheet is written with. With tokens like `equipment` and `none` the fuzzer reaches in
# minutes what it would have to guess byte by byte. With FILE, checks that FILE is what
# this script prints (tests/meson.build does, for the committed dictionary).
set -eu
tandem=$1
dict() {
    {
        # sections, words and operators of the format
        for t in "[flowsheet]" "[optimize]" "[uncertainty]" "[consumables]" "[species." "kind = " " = " ", " \
            " -> " " + " "; " "rest" "none" "balance" "yes" "no" "main_product" "key_reactant" \
            "title" "objective" "min_energy" "min_electricity" "max_product" "min_cost" "vary." \
            "max." "min." "explain." "purity." "feed." "output." "uniform" "triangular" \
            "normal" "lognormal" "fixed" " .. " "mea" "flow-cell" "soec" "h-cell" "makeup" \
            "inlet" "electric" "heat" "waste" "vent" "by-product" "formula" "common_name" \
            "charge" "phase" "hf" "gf" "tb" "hf_other_phase" "cp" "cp_gas" "source" "gas" \
            "liquid" "solid" "aqueous" "reaction." "selectivity." "recovery." "composition." \
            "fe." "anode_fe." "share." "yield." "density." "equipment"; do
            echo "$t"
        done
        # units as the quantity parser reads them
        for t in "mol/s" "kmol/h" "t/day" "t/yr" "kt/yr" "kg/h" "kg/s" "mA/cm2" "A/m2" \
            "A/cm2" " V" " mV" " A" " kA" " MA" " m2" " cm2" " C" " K" " bar" " atm" " kPa" \
            "kWh/m3" "MJ/m3" "GJ/t" "MJ/kg" "kWh/kg" "kJ/mol" "J/(mol K)" "g/L" "kg/m3" \
            "g/(L h)" "kW/m3" " m3" " L" "ohm cm2" " %" "g/g" "mol/mol" " W" " kW" " MW" \
            " yr" " h" " day" "1e-300" "1e308" "-0" "0.5"; do
            echo "$t"
        done
        # the kinds, their ports and keys (`fe.*` as `fe.`)
        "$tandem" kinds | awk '{ print $1 }'
        "$tandem" kinds | awk '{ print $1 }' | while read -r kind; do
            "$tandem" kinds "$kind" | awk '/^    [a-z_]/ { k = $1; sub(/\*$/, "", k); print k }'
        done
        # species and catalysts
        "$tandem" species --format csv | awk -F, 'NR > 1 { print $1 }'
        "$tandem" catalysts | awk 'NR > 1 && NF > 1 { print $1 }'
    } | awk '!seen[$0]++' | sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$/"/'
}
if [ $# -lt 2 ]; then
    dict
elif ! dict | cmp -s - "$2"; then
    echo "$2 is not current: run tests/fuzz/make_dict.sh build/tandem > $2" >&2
    exit 1
fi
