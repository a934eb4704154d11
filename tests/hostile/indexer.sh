#!/usr/bin/env bash
# Hostile inputs to `osprey index` (records) and `osprey search`: special
# files, sizes over the limit, other encodings, huge numbers, deep nesting,
# NUL and invalid UTF-8, control characters in stored text, arguments that
# look like options. Each case asserts the exit code and the exact message.
# usage: indexer.sh OSPREY_BINARY SOURCE_DIR
set -u
osprey=$(realpath "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"
# Every run here is bounded: a hang fails as exit 124.
run() { timeout 20 "$osprey" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
err_is() { [ "$(cat "$tmp/err")" = "$1" ]; }

# ---- special files are refused, not read (/dev/zero aborted, a FIFO blocked)
run index /dev/zero -o "$tmp/z.osp"
check "index /dev/zero exits 1" rc_is 1
check "index /dev/zero says why" err_is "osprey: /dev/zero: a character device, not a regular file; not read"
check "index /dev/zero writes nothing" test ! -e "$tmp/z.osp"
run search /dev/zero query
check "search /dev/zero exits 1" rc_is 1
check "search /dev/zero says why" err_is "osprey: /dev/zero: a character device, not a regular file; not read"
mkfifo "$tmp/fifo.json"
run index "$tmp/fifo.json" -o "$tmp/f.osp"
check "index a FIFO exits 1 (no hang)" rc_is 1
check "index a FIFO says why" err_is "osprey: $tmp/fifo.json: a FIFO, not a regular file; not read"
run search "$tmp/fifo.json" query
check "search a FIFO says why" err_is "osprey: $tmp/fifo.json: a FIFO, not a regular file; not read"
run index "$tmp" -o "$tmp/d.osp"
check "index a folder" err_is "osprey: $tmp: is a directory"

# ---- the input size limit (1 GiB): a clear error before reading, not bad_alloc
truncate -s 1100M "$tmp/huge.json"
run index "$tmp/huge.json" -o "$tmp/h.osp"
check "over the size limit exits 1" rc_is 1
check "over the size limit says so" err_is "osprey: $tmp/huge.json: 1153433600 bytes, over the limit of 1073741824 bytes for an input file"
run search "$tmp/huge.json" query
check "search over the limit says so" err_is "osprey: $tmp/huge.json: 1153433600 bytes, over the limit of 1073741824 bytes for an input file"
rm -f "$tmp/huge.json"

# ---- other encodings are named
printf '\xff\xfe[\x00]\x00' >"$tmp/u16le-bom.json"
printf '\x00[\x00]' >"$tmp/u16be.json"
printf '\xff\xfe\x00\x00[\x00\x00\x00]\x00\x00\x00' >"$tmp/u32le-bom.json"
printf '\x00\x00\x00[\x00\x00\x00]' >"$tmp/u32be.json"
for f in u16le-bom u16be; do
  run index "$tmp/$f.json" -o "$tmp/e.osp"
  check "$f named" err_is "osprey: $tmp/$f.json: UTF-16 text; osprey reads UTF-8"
  check "$f exits 1" rc_is 1
done
for f in u32le-bom u32be; do
  run index "$tmp/$f.json" -o "$tmp/e.osp"
  check "$f named" err_is "osprey: $tmp/$f.json: UTF-32 text; osprey reads UTF-8"
done
printf '\xff\xfe{\x00}\x00' >"$tmp/u16-config.json"
run index "$src/data/news.json" -o "$tmp/e.osp" --config "$tmp/u16-config.json"
check "UTF-16 config named" err_is "osprey: $tmp/u16-config.json: UTF-16 text; osprey reads UTF-8"
printf '\xef\xbb\xbf[{"url": "/bom", "title": "bommed"}]' >"$tmp/u8-bom.json"
run index "$tmp/u8-bom.json" -o "$tmp/bom.osp"
check "UTF-8 with a BOM is read" rc_is 0

# ---- malformed and odd JSON: one line with a position, exit 1
: >"$tmp/empty.json"
printf '[{"url": "/1"}' >"$tmp/truncated.json"
printf '{"url": "/1"}' >"$tmp/object.json"
printf '[{"url": "/1", "title": "\\ud800"}]' >"$tmp/surrogate.json"
run index "$tmp/empty.json" -o "$tmp/m.osp"
check "empty file" err_is "osprey: $tmp/empty.json:1:1: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"
run index "$tmp/truncated.json" -o "$tmp/m.osp"
check "truncated array" err_is "osprey: $tmp/truncated.json:1:15: syntax error while parsing array - unexpected end of input; expected ']'"
check "truncated array exits 1" rc_is 1
run index "$tmp/object.json" -o "$tmp/m.osp"
check "an object, not an array" err_is "osprey: $tmp/object.json:1:1: expected a JSON array of records (or JSON Lines in a .jsonl file)"
run index "$tmp/surrogate.json" -o "$tmp/m.osp"
check "lone surrogate escape" err_has "osprey: $tmp/surrogate.json:1:32: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF"
check "nothing written for malformed input" test ! -e "$tmp/m.osp"

# ---- numbers too big for a double: line and column
printf '[\n  {"url": "/1", "title": 1e999}\n]\n' >"$tmp/overflow.json"
run index "$tmp/overflow.json" -o "$tmp/o.osp"
check "number overflow exits 1" rc_is 1
check "number overflow has line:column" err_is "osprey: $tmp/overflow.json:2:26: number overflow parsing '1e999'"
printf '{"url": "/1"}\n{"url": "/2", "year": -1e400}\n' >"$tmp/overflow.jsonl"
run index "$tmp/overflow.jsonl" -o "$tmp/o.osp"
check "JSON Lines number overflow has line:column" err_is "osprey: $tmp/overflow.jsonl:2:23: number overflow parsing '-1e400'"
printf '[{"url": "/1", "year": 123456789012345678901234567890}]' >"$tmp/bigint.json"
run index "$tmp/bigint.json" -o "$tmp/bi.osp"
check "a big integer is no error" rc_is 0

# ---- deep nesting, NUL, invalid UTF-8: an error with a position, never a crash
head -c 200000 /dev/zero | tr '\0' '[' >"$tmp/deep.json"
run index "$tmp/deep.json" -o "$tmp/deep.osp"
check "deep nesting exits 1" rc_is 1
check "deep nesting: position of the end" err_has "osprey: $tmp/deep.json:1:200001: syntax error while parsing value"
printf '[{"url": "/1", "title": "a\x00b"}]' >"$tmp/nul.json"
run index "$tmp/nul.json" -o "$tmp/nul.osp"
check "NUL in a string exits 1" rc_is 1
check "NUL in a string: position" err_has "osprey: $tmp/nul.json:1:27: syntax error while parsing value - invalid string: control character U+0000 (NUL) must be escaped"
printf '[{"url": "/1", "title": "a\xffb"}]' >"$tmp/bad-utf8.json"
run index "$tmp/bad-utf8.json" -o "$tmp/bu.osp"
check "invalid UTF-8 exits 1" rc_is 1
check "invalid UTF-8: position" err_has "osprey: $tmp/bad-utf8.json:1:27: syntax error while parsing value - invalid string: ill-formed UTF-8 byte"

# ---- control characters stored in the index are escaped on a terminal
printf '[{"url": "/esc\\u001b[2J", "title": "T\\u001b]0;pwned\\u0007 \\r hidden \\u009b31m \\u007f end"}]' >"$tmp/ctl.json"
run index "$tmp/ctl.json" -o "$tmp/ctl.osp"
check "control characters index" rc_is 0
run search "$tmp/ctl.osp" hidden
check "control characters escaped" out_hit 2 1 "/esc\\x1b[2J  T\\x1b]0;pwned\\x07 \\x0d hidden \\u009b31m \\x7f end"
check "no raw control bytes printed" [ "$(tr -d '\n' <"$tmp/out" | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)" -eq 0 ]
check "no raw C1 printed" [ "$(grep -c $'\xc2\x9b' "$tmp/out")" -eq 0 ]
run search "$tmp/ctl.osp" hidden --json
check "--json escapes as JSON" out_has '"title":"T\u001b]0;pwned\u0007 \u000d hidden '
run search "$tmp/ctl.osp" "$(printf 'hid\033[31m')" --complete
check "completions escaped" [ "$(LC_ALL=C tr -d '\n\t\040-\176\200-\377' <"$tmp/out" | wc -c)" -eq 0 ]

# ---- "--" ends the options: a query (or a file) may start with "-"
printf '[{"url": "/dash", "title": "--verbose flag"}]' >"$tmp/dash.json"
run index "$tmp/dash.json" -o "$tmp/dash.osp"
run search "$tmp/dash.osp" --verbose
check "an option-like query without -- is a usage error" rc_is 2
check "... that says how to search it" err_is "osprey: search: unknown option --verbose (a query that starts with -- goes after --)"
run search "$tmp/dash.osp" -- --verbose
check "search -- --verbose exits 0" rc_is 0
check "search -- --verbose finds it" out_line 1 "1 result"
run search -- "$tmp/dash.osp" --verbose
check "-- before INDEX" out_line 1 "1 result"
run search "$tmp/dash.osp" --limit 1 -- --json
check "options before --, operands after" out_line 1 "0 results"
cp "$tmp/dash.json" "$tmp/-records.json"
(cd "$tmp" && timeout 20 "$osprey" index -o dash2.osp -- -records.json >out 2>err; echo $? >rc)
check "index -- -FILE" rc_is 0
check "index -- -FILE wrote" test -f "$tmp/dash2.osp"
run index -o "$tmp/x.osp" -- --site
check "index -- --site is a file name" err_is "osprey: --site: No such file or directory"

# ---- a part of a sharded index that holds another part is named, not skipped
fake=$tmp/assets
mkdir -p "$fake/engine"
for f in osprey.js osprey-worker.js osprey-core.js engine/osprey-engine.js engine/osprey-engine.wasm; do
  echo "// fake $f" >"$fake/$f"
done
run index "$src/data/news.json" --bundle "$tmp/sharded" --assets "$fake" --split-above 0
base=$(ls "$tmp"/sharded/index.en.*.osp)
parts=${base%.osp}
cp "$parts/s0" "$parts/p0"
run search "$base" Koblenz
check "mislabelled part exits 1" rc_is 1
check "mislabelled part names its file" err_is "osprey: $parts/p0: holds part $(basename "$parts")/s0, expected $(basename "$parts")/p0"
printf 'xx' >"$parts/p0"
run search "$base" Koblenz
check "garbage part names its file" err_is "osprey: $parts/p0: index part at byte 0: not an Osprey index (no \"osprey\" signature)"

# ---- an output that is the input is refused
cp "$src/data/news.json" "$tmp/in.json"
run index "$tmp/in.json" -o "$tmp/in.json"
check "-o INPUT exits 1" rc_is 1
check "-o INPUT says why" err_is "osprey: $tmp/in.json: is the input being indexed; -o would overwrite it"
check "-o INPUT leaves it" cmp -s "$src/data/news.json" "$tmp/in.json"

finish "hostile indexer"
