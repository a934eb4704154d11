#!/usr/bin/env bash
# End to end on a real site nobody here wrote: the Python 3.11 documentation
# (Sphinx, 530 pages) from Debian's python3.11-doc. Downloads and unpacks the
# package once into build/corpora/python-docs/ (cached), indexes all of it with
# `osprey index --site` into a bundle and a single-file page, checks the summary
# and that well-known pages rank first, then (with node and playwright-core
# installed) serves the bundle with `osprey serve` and searches it in Chromium,
# and opens the single-file page from file://. Prints timings.
# usage: python-docs.sh OSPREY_BINARY SOURCE_DIR
set -euo pipefail
osprey=$1
src=$2
cache=$src/build/corpora/python-docs
site=$cache/usr/share/doc/python3.11/html
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"

site=$(bash "$src/tests/relevance/python-docs-corpus.sh" "$cache")
pages=$(find "$site" -path "$site/osprey" -prune -o -name '*.html' -print | wc -l)
echo "python-docs: $pages pages, $(du -sm "$site" | cut -f1) MB in $site"

# The search page the browser check writes into the bundle folder (below) is
# not the docs': an earlier run's would be reported as a page under the bundle.
rm -f "$site/osprey/test-search.html"

# The bundle and the offline page, from a config file (the flags work too).
cat >"$tmp/osprey.json" <<EOF
{"site": "$site", "bundle": "$site/osprey", "single_file": "$tmp/python-search.html",
 "title": "Search the Python 3.11 documentation"}
EOF
start=$(date +%s%N)
"$osprey" index --config "$tmp/osprey.json" 2>"$tmp/err"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -v ': warning: ' "$tmp/err"
check "all pages indexed" grep -qF "osprey: 530 pages indexed of 530 files (0 skipped); " "$tmp/err"
# Sphinx writes some stray </p>: each such page is one warning, all counted.
warnings=$(grep -c ': warning: ' "$tmp/err" || true)
check "every warning counted in the summary" grep -qF "osprey: $warnings warnings (markup $warnings)" "$tmp/err"
index=$(ls "$site"/osprey/index.en.*.osp)
index_bytes=$(stat -c %s "$index")
single_bytes=$(stat -c %s "$tmp/python-search.html")
echo "python-docs: indexed in $ms ms (wall, with the bundle and the single file);" \
     "index $index_bytes bytes ($(gzip -c "$index" | wc -c) gzipped), single file $single_bytes bytes"

# Known items: the page a Python programmer expects first.
top() { "$osprey" search "$index" "$1" --limit 1 | sed -n 2p | sed 's/^1\. \[[0-9.]*\] \([^ ]*\).*/\1/'; }
while IFS='|' read -r query expected; do
  got=$(top "$query")
  check "\"$query\" -> $expected (got $got)" [ "$got" = "$expected" ]
done <<'EOF'
json|library/json.html
os.path|library/os.path.html
asyncio|library/asyncio.html
sqlite3|library/sqlite3.html
virtual environment|library/venv.html
dataclass|library/dataclasses.html
import system|reference/import.html
random|library/random.html
json basic usage|library/json.html
EOF
# A hit is a page; its matching sections are listed under it (docs/ranking.md "Pages").
check "the section under its page" \
  bash -c "'$osprey' search '$index' 'json basic usage' --limit 1 | sed -n 3p | grep -qxF '     - library/json.html#basic-usage  Basic Usage'"
check "sections carry their page" \
  bash -c "'$osprey' search '$index' 'json basic usage' --json --limit 1 | grep -qF '\"page\":\"library/json.html\"'"
check "pages carry their anchors" \
  bash -c "'$osprey' search '$index' 'json' --json --limit 1 | grep -qF '[[' "

if command -v node >/dev/null && [ -d "$src/node_modules/playwright-core" ]; then
  PYDOCS_SINGLE=$tmp/python-search.html PYDOCS_SITE=$site OSPREY_CLI=$osprey \
    node --test "$src/tests/site/python-docs.test.mjs" >"$tmp/node.out" 2>&1 && node_ok=1 || node_ok=0
  grep -E '^# (pass|fail)|^not ok|python-docs:' "$tmp/node.out" || true
  [ "$node_ok" = 1 ] || cat "$tmp/node.out"
  check "Chromium: served bundle and file:// page" [ "$node_ok" = 1 ]
else
  echo "python-docs: node or playwright-core missing; browser checks not run"
fi

finish "python-docs"
