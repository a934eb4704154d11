#!/usr/bin/env bash
# CLI tests on tiny fixtures: exit codes, messages, outputs.
# usage: run.sh OSPREY_BINARY SOURCE_DIR
set -u
osprey=$1
src=$2
fx=$src/tests/fixtures/records
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"

# Indexing the sample.
run index "$src/data/news.json" -o "$tmp/news.json"
check "index sample exits 0" rc_is 0
check "index summary" err_has "osprey: indexed 10 of 10 records (0 skipped, 0 warnings), "
check "index summary names output" err_has "bytes written to $tmp/news.json in "
check "index writes a binary index of version 6" test "$(head -c 7 "$tmp/news.json" | od -An -c | tr -d ' ')" = 'osprey006' 
check "no temp file left" test ! -e "$tmp/news.json.tmp"

# Searching it.
run search "$tmp/news.json" Koblenz
check "search exits 0" rc_is 0
check "search count line" out_line 1 "1 result"
check "search top hit" out_has "1. [" 
check "search Koblenz item" out_has "/news/2022/01/conviction-of-syrian-official-for-crimes-against-humanity/  Conviction of Syrian official"
run search "$tmp/news.json" "A'lo" --json --limit 1
check "search --json" out_has '{"ok":true,"total":1,"fullTotal":1,"terms":["A'"'"'lo"],"hits":[{"doc":2,'
run search "$tmp/news.json" torture --limit 2 --offset 1
check "offset numbering" out_line 2 "2. [1.390] /news/2020/04/torture-trial-in-germany-a-historic-step/  Torture Trial in Germany a ‘Historic Step’ Towards Justice in Syria"
check "limit" [ "$(wc -l <"$tmp/out")" -eq 3 ]
run search "$tmp/news.json" "nothingmatches"
check "no results" out_line 1 "0 results"

# Query options: filters, ranges, sort, completions, typos.
run search "$tmp/news.json" syria --filter type=Report --json
check "filter" out_has '{"ok":true,"total":1,"fullTotal":1,'
check "filter facets stay disjunctive" out_has '"type":[{"value":"Press Release","count":5,"selected":false},{"value":"Urgent Action","count":3,"selected":false},{"value":"Country","count":1,"selected":false},{"value":"Report","count":1,"selected":true}]'
run search "$tmp/news.json" syria --filter-not "type=Press Release" --sort date:asc --limit 2
check "sort by date" out_line 2 "1. [0.230] /urgent-actions/2020/06/syrian-kurd-under-threat-of-execution-in-iran/  Urgent Action Update: Syrian Kurd Under Threat of Execution in Iran (Iran: UA 151.18)"
run search "$tmp/news.json" syria --range date=2021-09..2021 --json
check "date range" out_has '{"ok":true,"total":3,'
run search "$tmp/news.json" syria --filter colour=red
check "unknown filter field" err_has 'osprey: filter: "colour" is not a facet field'
check "unknown filter exit" rc_is 2
run search "$tmp/news.json" syria --sort title
check "unsortable field" err_has 'osprey: sort: "title" is not a sortable field'
run search "$tmp/news.json" syria --options '{"filters": {"type": "Report"}, "limit": 1}' --json
check "options" out_has '{"ok":true,"total":1,"fullTotal":1,'
check "options facets" out_has '"type":[{"value":"Press Release","count":5,"selected":false},{"value":"Urgent Action","count":3,"selected":false},{"value":"Country","count":1,"selected":false},{"value":"Report","count":1,"selected":true}]'
run search "$tmp/news.json" syria --limit 5 --options '{"limit": 2}' --json
check "options after a flag win" [ "$(grep -o '"doc":' "$tmp/out" | wc -l)" -eq 2 ]
run search "$tmp/news.json" syria --options '{"limit": 2}' --limit 3 --json
check "a flag after options wins" [ "$(grep -o '"doc":' "$tmp/out" | wc -l)" -eq 3 ]
run search "$tmp/news.json" syria --options '{"sort": "date:up"}'
check "bad options" err_has 'osprey: --options: sort direction must be asc or desc'
check "bad options exit" rc_is 2
run search "$tmp/news.json" syria --options '{"limit": '
check "options not JSON" err_has 'osprey: --options: options must be an object (not JSON at byte 10)'
run search "$tmp/news.json" --info
check "info" out_has '{"ok":true,"docCount":10,"parts":5,"language":"en","stemmer":"english","fields":[{"name":"title","searchable":true,"stored":true,"facet":false,"sortable":false,"boost":false,"weight":3},'
check "info id field" out_has '"idField":"url"}'
run search "$tmp/news.json" "syrian ref" --complete --json --limit 2
check "completion --json" out_line 1 '{"ok":true,"completions":[{"query":"syrian refugees","term":"refugees","docs":2},{"query":"syrian refoulement","term":"refoulement","docs":1}]}'
run search "$tmp/news.json" "syrian ref" --complete
check "completion" out_line 1 "$(printf 'syrian refugees\t2')"
run search "$tmp/news.json" "tortrue"
check "typo found" out_line 3 "1. [1.195] /reports/2021/09/former-refugees-tortured-raped-disappeared-in-syria/  Former refugees tortured, raped, disappeared in Syria after returning home"
check "did you mean" out_line 2 "did you mean: torture"
run search "$tmp/news.json" "tortrue" --no-typos
check "no typos" out_line 1 "0 results"

# Malformed input: file:line:column, exit 1, nothing written.
run index "$fx/malformed.json" -o "$tmp/bad.json"
check "malformed exits 1" rc_is 1
check "malformed message" err_has "osprey: $fx/malformed.json:3:32: syntax error while parsing object separator"
check "malformed one line" err_lines 1
check "malformed writes nothing" test ! -e "$tmp/bad.json"

# JSON Lines are read in chunks on threads: a malformed line far in still
# stops the run with its error alone (no warnings of the records before it),
# and records are numbered in input order whatever the threads.
for i in $(seq 1 2000); do
  case $i in
    10) echo '{"url": "/10", "title": {"x": 1}}' ;;
    1500) echo '{"url": "/1500", }' ;;
    *) echo "{\"url\": \"/$i\", \"title\": \"word$i\"}" ;;
  esac
done >"$tmp/late-error.jsonl"
run index "$tmp/late-error.jsonl" -o "$tmp/late.osp"
check "late malformed line exits 1" rc_is 1
check "late malformed line message" err_has "osprey: $tmp/late-error.jsonl:1500:18: syntax error"
check "late malformed line alone" err_lines 1
sed -i '1500d' "$tmp/late-error.jsonl"
run index "$tmp/late-error.jsonl" -o "$tmp/late.osp" --threads 3
check "many lines index" err_has "osprey: indexed 1999 of 1999 records (0 skipped, 2 warnings), "
check "many lines warn in order" err_has "$tmp/late-error.jsonl:10: warning: field \"title\""
run search "$tmp/late.osp" word1999 --json
check "many lines keep input order" out_has '"hits":[{"doc":1997,'

# Skipped records and ignored values, each reported with its line.
run index "$fx/skips.jsonl" -o "$tmp/skips.json"
check "skips exit 0" rc_is 0
check "skip not object" err_has "$fx/skips.jsonl:2: warning: skipped: a record must be a JSON object, not array"
check "skip no id" err_has "$fx/skips.jsonl:3: warning: skipped: no \"url\" (the id field)"
check "skip duplicate" err_has "$fx/skips.jsonl:5: warning: skipped: duplicate id \"/1\""
check "ignored object" err_has "$fx/skips.jsonl:6: warning: field \"title\": objects and nested arrays are not indexed, ignored"
check "bad date" err_has "$fx/skips.jsonl:6: warning: field \"year\": \"soon\" is not an ISO 8601 date, no year taken"
check "skips summary" err_has "osprey: indexed 3 of 6 records (3 skipped, 5 warnings), "
run search "$tmp/skips.json" "strasse crossborder 中文"
check "unicode record searchable" out_hit 2 1 "/5"

# A custom schema.
run index "$fx/books.json" -o "$tmp/books.json" --config "$fx/books.schema.json"
check "config index" rc_is 0
run search "$tmp/books.json" "planets" --json
check "config search" out_has '"fields":{"name":"The Dispossessed","blurb":"A physicist between two planets","isbn":"978-2"}'
printf '{"id": "x", "fields": [{"name": "x", "weight": 1}]}' >"$tmp/bad-schema.json"
run index "$fx/books.json" -o "$tmp/b2.json" --config "$tmp/bad-schema.json"
check "bad config" err_has "osprey: $tmp/bad-schema.json: schema: id field \"x\" must be stored"
check "bad config exit" rc_is 1

# The index language's stop words travel in the index (docs/languages.md).
printf '%s\n' '{"url": "/1", "title": "Der Hund schläft"}' '{"url": "/2", "title": "Hund und Katze"}' \
  '{"url": "/3", "title": "Die Katze"}' >"$tmp/de.jsonl"
printf '{"id": "url", "language": "de", "fields": [{"name": "title", "weight": 1, "stored": true},
  {"name": "url", "stored": true}]}' >"$tmp/de.schema.json"
run index "$tmp/de.jsonl" -o "$tmp/de.osp" --config "$tmp/de.schema.json"
check "German index" rc_is 0
run search "$tmp/de.osp" "der Hund"
check "German stop word optional" out_line 1 "2 results"
check "German stop word ranks" out_hit 2 1 "/1  Der Hund schläft"
run search "$tmp/de.osp" '"der hund"'
check "German phrase exact" out_line 1 "1 result"
run search "$tmp/de.osp" "ISTANBUL und" --no-partial
check "German stop word alone beside an unknown word" out_line 1 "0 results"

# Corrupt indexes: one line, exit 1.
head -c 100 "$tmp/news.json" >"$tmp/truncated.json"
run search "$tmp/truncated.json" torture
check "truncated exit 1" rc_is 1
check "truncated message" err_has "osprey: $tmp/truncated.json: index part at byte 0: payload length "
check "truncated says so" err_has "(truncated?)"
check "truncated one line" err_lines 1
{ head -c 6 "$tmp/news.json"; printf '\x07'; tail -c +8 "$tmp/news.json"; } >"$tmp/v7.json"
run search "$tmp/v7.json" torture
check "version message" err_has "osprey: $tmp/v7.json: index format version 7 is not supported (this reader reads version 6)"
# Version 1 (JSON) indexes still load in the CLI.
run search "$src/tests/fixtures/index/news-v1.json" Koblenz
check "v1 index still searchable" out_line 1 "1 result"
printf '\x00\x01garbage' >"$tmp/garbage.json"
run search "$tmp/garbage.json" torture
check "garbage exit 1" rc_is 1
check "garbage one line" err_lines 1

# A schema weight is 0 or a normal number in range (issue #13): a denormal one
# was accepted, and its field found nothing.
printf '{"id": "url", "fields": [{"name": "url", "stored": true}, {"name": "title", "weight": 1e-320}]}' >"$tmp/denormal.json"
run index "$src/data/news.json" -o "$tmp/denormal.osp" --config "$tmp/denormal.json"
check "denormal weight exit 1" rc_is 1
check "denormal weight message" err_has "osprey: $tmp/denormal.json: schema: field \"title\" weight must be 0, or a number from 1e-6 to 1000"
check "denormal weight one line" err_lines 1
check "denormal weight writes nothing" test ! -e "$tmp/denormal.osp"

# Index integrity: each kind of part of a sharded bundle truncated, garbled,
# swapped for another part, taken from an older build of the same records, or
# held twice in its file. Each is an error naming the file, exit 1 (issue #7:
# a swapped part made the search find nothing, exit 0).
run index "$src/data/news.json" --bundle "$tmp/b" --split-above 0
check "sharded bundle" rc_is 0
sed 's/Koblenz/Coblenz/' "$src/data/news.json" >"$tmp/older.json"
run index "$tmp/older.json" --bundle "$tmp/older" --split-above 0
check "older sharded bundle" rc_is 0
base=$(echo "$tmp"/b/index.en.*.osp)
parts=${base%.osp}
rel=${parts#"$tmp"/b/}
older=$(echo "$tmp"/older/index.en.*.osp)
older=${older%.osp}
check "older build differs" test "$older" != "$tmp/older/$rel"
# Bundle files are gzip members (docs/index-format.md), the base and every
# part; a search over them answers as over the same index in one -o file.
magic() { head -c 2 "$1" | od -An -tx1 | tr -d ' '; }
gzipped=0
for f in "$base" "$parts"/*; do [ "$(magic "$f")" = 1f8b ] && gzipped=$((gzipped + 1)); done
check "bundle files are gzip" test "$gzipped" -eq $(($(ls "$parts" | wc -l) + 1))
check "bundle has parts of every kind" test -e "$parts/d0" -a -e "$parts/r0" -a -e "$parts/l0" -a -e "$parts/p0" -a -e "$parts/s0"
check "-o file is not gzip" test "$(magic "$tmp/news.json")" = 6f73
for q in torture 'amnesty report' '"death penalty"' refugess 'syria -urgent' Kob; do
  "$osprey" search "$tmp/news.json" "$q" --json --limit 20 >"$tmp/whole" 2>&1
  run search "$base" "$q" --json --limit 20
  check "bundle answers $q as -o" cmp -s "$tmp/out" "$tmp/whole"
done
"$osprey" search "$tmp/news.json" amnesty --complete >"$tmp/whole"
run search "$base" amnesty --complete
check "bundle completes as -o" cmp -s "$tmp/out" "$tmp/whole"
# Indexing again writes the same bytes (gzip header: mtime 0, no name).
cp -r "$tmp/b" "$tmp/b-first"
rm -rf "$tmp/b"
run index "$src/data/news.json" --bundle "$tmp/b" --split-above 0
check "bundle bytes reproducible" diff -r "$tmp/b" "$tmp/b-first"
# A bundle whose display parts hold 256 KiB or more deflates them against a
# dictionary it trains on them (docs/index-format.md); `osprey search` reads
# the dictionary beside them and answers as over the -o file.
awk 'BEGIN { srand(7); for (d = 0; d < 1500; d++) { t = ""; for (w = 0; w < 40; w++) {
  n = int(rand() * 3000); t = t sprintf(" w%dx%s", n, substr("abcdefghij", n % 10 + 1, 4)) }
  printf "{\"url\": \"/d/%d\", \"title\": \"doc %d\", \"summary\": \"%s\"}\n", d, d, t } }' >"$tmp/many.jsonl"
run index "$tmp/many.jsonl" --bundle "$tmp/many" --split-above 0
check "dictionary bundle" rc_is 0
many=$(echo "$tmp"/many/index.en.*.osp)
check "dictionary beside the parts" test -s "${many%.osp}/dictionary"
check "display part deflated against it" test "$(head -c 4 "${many%.osp}/s0")" = "OZD$(printf '\001')"
"$osprey" index "$tmp/many.jsonl" -o "$tmp/many.osp" -q
for q in w17xhijd 'doc 12' w2999; do
  "$osprey" search "$tmp/many.osp" "$q" --json --limit 20 >"$tmp/whole" 2>&1
  run search "$many" "$q" --json --limit 20
  check "dictionary bundle answers $q as -o" cmp -s "$tmp/out" "$tmp/whole"
done
rm -rf "$tmp/b-first"
# A gzip bomb (300 MB of zeros) fails past the limit, within bounded memory
# (an address-space limit far below the bomb's size); a truncated gzip part
# is an error naming the file; the base likewise.
cp "$parts/p0" "$tmp/saved"
head -c 300000000 /dev/zero | gzip -1 >"$parts/p0"
# A sanitizer build reserves terabytes of address space for its shadow
# memory, so there the limit is left out (the bound still holds: the message).
if grep -qa AddressSanitizer "$osprey"; then
  run search "$base" torture
else
  (ulimit -v 600000 && run search "$base" torture)
fi
check "gzip bomb exit 1" rc_is 1
check "gzip bomb message" err_has "osprey: $parts/p0: decompresses past 268,435,456 bytes"
check "gzip bomb one line" err_lines 1
head -c "$(($(stat -c %s "$tmp/saved") / 2))" "$tmp/saved" >"$parts/p0"
run search "$base" torture
check "truncated gzip exit 1" rc_is 1
check "truncated gzip message" err_has "osprey: $parts/p0: gzip data is truncated or corrupt"
check "truncated gzip one line" err_lines 1
{ cat "$tmp/saved"; printf x; } >"$parts/p0"
run search "$base" torture
check "gzip then junk message" err_has "osprey: $parts/p0: gzip data is truncated or corrupt"
cp "$tmp/saved" "$parts/p0"
cp "$base" "$tmp/saved"
head -c 40 "$tmp/saved" >"$base"
run search "$base" torture
check "truncated gzip base message" err_has "osprey: $base: gzip data is truncated or corrupt"
cp "$tmp/saved" "$base"
# The integrity cases below damage what the parts hold: uncompressed, which
# readers take as well (a bundle written before gzip).
for f in "$parts"/* "$older"/*; do
  gzip -dc <"$f" >"$tmp/raw" && mv "$tmp/raw" "$f"
done
run search "$base" torture
check "uncompressed parts search" out_line 1 "4 results"
for kind in d r p s; do
  file=$parts/${kind}0
  cp "$file" "$tmp/saved"
  head -c "$(($(stat -c %s "$file") / 2))" "$tmp/saved" >"$file"
  run search "$base" torture
  check "truncated ${kind}0 exit 1" rc_is 1
  check "truncated ${kind}0 message" err_has "osprey: $file: index part at byte 0: payload length "
  check "truncated ${kind}0 says so" err_has "(truncated?)"
  check "truncated ${kind}0 one line" err_lines 1
  cp "$tmp/saved" "$file"
  printf '\xff\xff' | dd of="$file" bs=1 seek=18 conv=notrunc status=none
  run search "$base" torture
  check "garbled ${kind}0 exit 1" rc_is 1
  check "garbled ${kind}0 message" err_has "osprey: $file: index part at byte 0: checksum mismatch (corrupted data)"
  other=$([ "$kind" = s ] && echo p0 || echo s0)
  cp "$parts/$other" "$file"
  run search "$base" torture
  check "swapped ${kind}0 exit 1" rc_is 1
  check "swapped ${kind}0 message" err_has "osprey: $file: holds part $rel/$other, expected $rel/${kind}0"
  check "swapped ${kind}0 one line" err_lines 1
  cp "$older/${kind}0" "$file"
  run search "$base" torture
  check "stale ${kind}0 exit 1" rc_is 1
  check "stale ${kind}0 message" err_has "osprey: $file: index part belongs to another build of the index (build id differs)"
  cat "$tmp/saved" "$tmp/saved" >"$file"
  run search "$base" torture
  check "doubled ${kind}0 exit 1" rc_is 1
  check "doubled ${kind}0 message" err_has "osprey: $file: holds more than part $rel/${kind}0"
  cp "$tmp/saved" "$file"
done
# Another part of the same kind, when the bundle has two.
if [ -e "$parts/p1" ]; then
  cp "$parts/p0" "$tmp/saved"
  cp "$parts/p1" "$parts/p0"
  run search "$base" torture
  check "swapped p0 for p1 message" err_has "osprey: $parts/p0: holds part $rel/p1, expected $rel/p0"
  cp "$tmp/saved" "$parts/p0"
fi
run search "$base" torture
check "restored bundle searches" out_line 1 "4 results"

# Limits (issue #2): one distinct term past the format's 4,194,304 used to be
# written, and no reader opened it. Now nothing is written, exit 1.
awk 'BEGIN { n = 4194305; for (d = 0; d * 1024 < n; ++d) {
  printf "{\"url\": \"/%d\", \"title\": \"", d
  for (w = d * 1024; w < n && w < (d + 1) * 1024; ++w) printf "w%d ", w
  print "\"}" } }' >"$tmp/terms.jsonl"
run index "$tmp/terms.jsonl" -o "$tmp/terms.osp" --bundle "$tmp/terms"
check "too many terms exit 1" rc_is 1
check "too many terms message" err_has "osprey: $tmp/terms.jsonl: too many distinct terms: 4,194,305 (the index format holds at most 4,194,304)"
check "too many terms one line" err_lines 1
check "too many terms writes nothing" test ! -e "$tmp/terms.osp" -a ! -e "$tmp/terms"
rm -f "$tmp/terms.jsonl"

# The JSON index (docs/index-format.md "JSON format"): -o alone; osprey search reads it.
run index "$src/data/news.json" -o "$tmp/news-index.json" --index-format json
check "index --index-format json exits 0" rc_is 0
check "index --index-format json writes JSON" test "$(head -c 39 "$tmp/news-index.json")" = '{"format":"osprey-index","version":1,"g'
run search "$tmp/news-index.json" torture --limit 2 --offset 1
check "search a JSON index" out_line 2 "2. [1.390] /news/2020/04/torture-trial-in-germany-a-historic-step/  Torture Trial in Germany a ‘Historic Step’ Towards Justice in Syria"
run index "$src/data/news.json" -o "$tmp/news.osp" --index-format xml
check "index-format xml exit" rc_is 2
check "index-format xml message" err_has "osprey: --index-format takes binary or json"
run index "$src/data/news.json" --bundle "$tmp/jb" --index-format json
check "index-format json without -o exit" rc_is 2
check "index-format json without -o message" err_has "osprey: --index-format json writes only the -o file: give -o FILE and no --bundle or --single-file (bundles and the single file are always binary)"
run index "$src/data/news.json" -o "$tmp/jb.json" --single-file "$tmp/jb.html" --index-format json
check "index-format json with --single-file exit" rc_is 2
check "index-format json with --single-file writes nothing" test ! -e "$tmp/jb.json" -a ! -e "$tmp/jb.html"

# Usage errors exit 2; missing files exit 1.
run
check "no args" rc_is 2
run frobnicate
check "unknown command" rc_is 2
run index "$src/data/news.json"
check "index without -o" rc_is 2
run search "$tmp/news.json" torture --limit lots
check "bad limit" rc_is 2
run search "$tmp/missing.json" torture
check "missing index" rc_is 1
check "missing message" err_has "osprey: $tmp/missing.json: No such file or directory"
run --help
check "help" out_has "usage: osprey <command> [options]"

finish cli
