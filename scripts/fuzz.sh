#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS_PER_TARGET (default 600), one after the
# other, seeding each corpus from source_texts/ and tests/fixtures/ (copied at run time, not
# committed). Needs `cargo install cargo-fuzz`; on stable Rust it sets RUSTC_BOOTSTRAP=1 for
# the sanitizer flags cargo-fuzz passes. Exits non-zero on the first crash, leaving the
# reproducer in fuzz/artifacts/<target>/.
#
#   [FUZZ_MAX_LEN=BYTES] scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail

seconds="${1:-600}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(segment ftl_round_trip align diff)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
    exit 2
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    local ja en
    for ja in source_texts/ja/*.txt; do
        en="source_texts/en/$(basename "$ja")"
        case "$target" in
            segment)
                cp "$ja" "$dir/ja-$(basename "$ja")"
                [ -f "$en" ] && cp "$en" "$dir/en-$(basename "$en")"
                ;;
            ftl_round_trip)
                # Length byte 4, a 4-byte id, then each paragraph as a message value.
                awk -v dir="$dir" -v base="$(basename "$ja" .txt)" 'BEGIN{RS=""} {
                    printf "\004abcd%s", $0 > (dir "/" base "-" NR); close(dir "/" base "-" NR)
                }' "$ja"
                ;;
            align)
                [ -f "$en" ] && { cat "$ja"; printf '\f'; cat "$en"; } > "$dir/$(basename "$ja")"
                ;;
        esac
    done
    if [ "$target" = diff ]; then
        # Locale byte (0 = ja, 1 = en), then two revisions of the same release.
        local lang byte
        for lang in ja en; do
            byte='\000'
            [ "$lang" = en ] && byte='\001'
            { printf "$byte"; cat "tests/fixtures/revisions/$lang/v1.txt"; printf '\f'
              cat "tests/fixtures/revisions/$lang/v2.txt"; } > "$dir/$lang-v1-v2"
        done
    fi
}

for target in "${targets[@]}"; do
    seed "$target"
    echo "== fuzzing $target for ${seconds}s" >&2
    cargo fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1
done
