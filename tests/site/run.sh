#!/usr/bin/env bash
# CLI tests of `osprey index --site`, bundles, osprey.json and `osprey serve`
# on the fixture sites (tests/fixtures/sites/): exit codes, warning lines,
# summaries, output files. Bundles use a stand-in assets folder, so these tests
# do not need the wasm build.
# usage: run.sh OSPREY_BINARY SOURCE_DIR
set -u
osprey=$1
src=$2
sites=$src/tests/fixtures/sites
tmp=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"
json_is() {  # json_is FILE EXPRESSION EXPECTED: node evaluates EXPRESSION on j
  [ "$(node -e "const j = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log(JSON.stringify($2))" "$1")" = "$3" ]
}

# A stand-in for web/: the required files, with recognizable content.
fake=$tmp/assets
mkdir -p "$fake/engine" "$fake/widget"
for f in osprey.js osprey-worker.js osprey-core.js engine/osprey-engine.js engine/osprey-engine.wasm \
         widget/render.js; do
  echo "// fake $f" >"$fake/$f"
done

# ---- a working site in two languages
run index --site "$sites/basic" --bundle "$tmp/b" --assets "$fake" --exclude drafts/
check "site exits 0" rc_is 0
check "attribute warning names the file" err_has "$sites/basic/guide/index.html: warning: data-osprey-weight=\"lots\" is not a number above 0 and at most 10; ignored"
check "anchor warning" err_has "$sites/basic/index.html: warning: heading \"Nesting again\" repeats the anchor #nesting; it starts no section"
check "summary: pages" err_has "osprey: 4 pages indexed of 4 files (0 skipped); 10 records, "
check "summary: languages" err_has "; 2 languages (en: 3, fr: 1)"
check "summary: warnings" err_has "osprey: 4 warnings (attribute 4)"
check "summary: bytes and time" grep -qE '^osprey: read 3[0-9]{3} bytes, wrote [0-9]+ bytes to .*/b/ \(9 files\) in [0-9]+ ms$' "$tmp/err"
check "no progress bar off a terminal" err_lacks "reading pages"
check "manifest" json_is "$tmp/b/osprey-manifest.json" '[j.format, j.version, j.default_language, Object.keys(j.languages), j.filters, j.sorts]' \
  '["osprey-bundle",1,"en",["en","fr"],["category"],["date"]]'
check "manifest site root" json_is "$tmp/b/osprey-manifest.json" 'j.site_root.endsWith("/tests/fixtures/sites/basic/")' 'true'
check "manifest counts" json_is "$tmp/b/osprey-manifest.json" '[j.languages.en.pages, j.languages.en.documents, j.languages.fr.pages]' '[3,8,1]'
check "assets copied" cmp -s "$fake/engine/osprey-engine.wasm" "$tmp/b/engine/osprey-engine.wasm"
check "widget folder copied" test -f "$tmp/b/widget/render.js"
en=$(ls "$tmp"/b/index.en.*.osp)
fr=$(ls "$tmp"/b/index.fr.*.osp)
check "hashed index names" [ "$(basename "$en" | wc -c)" -eq 30 ]
check "index records its language" index_language_is "$fr" fr
run search "$en" "nesting habits" --limit 1
check "a hit is a page" out_hit 2 1 "./  Osprey Field Guide"
check "section deep link under it" out_line 3 "     - ./#nesting  Nesting habits"
check "one page" out_line 1 "1 result"
run search "$fr" "balbuzard" --limit 1
check "french page" out_has "fr/  Le balbuzard pêcheur"
run search "$en" "footerword"
check "footer not indexed" out_line 1 "0 results"

# The default bundle goes into the site, and the next run does not read it.
cp -r "$sites/basic" "$tmp/site"
run index --site "$tmp/site" --assets "$fake"
check "default bundle" test -f "$tmp/site/osprey/osprey-manifest.json"
check "default site root" json_is "$tmp/site/osprey/osprey-manifest.json" 'j.site_root' '"../"'
echo '<html><body><main><p>bundleword</p></main></body></html>' >"$tmp/site/osprey/page.html"
old=$(ls "$tmp"/site/osprey/index.en.*.osp)
echo '<html lang="en"><body><main><p>newpageword</p></main></body></html>' >"$tmp/site/new.html"
run index --site "$tmp/site" --assets "$fake"
check "bundle folder not indexed" err_has "osprey: 6 pages indexed of 6 files (0 skipped)"
check "stale index removed" test ! -e "$old"
run index --site "$tmp/site" -o "$tmp/site-one.json" --exclude 'fr/'
check "a bundle folder is never read" err_has "osprey: 5 pages indexed of 5 files (0 skipped)"
check "one index per language" [ "$(ls "$tmp"/site/osprey/index.*.osp | wc -l)" -eq 2 ]

# One language to one file with -o; two languages cannot.
run index --site "$sites/basic" -o "$tmp/two.json"
check "-o with two languages exits 1" rc_is 1
check "-o with two languages says why" err_has "osprey: the site has 2 languages (en, fr); -o writes one index: use --bundle DIR"
run index --site "$sites/basic" --exclude 'fr/' --exclude drafts/ -o "$tmp/one/en.json"
check "-o one language" rc_is 0
check "-o writes a binary index" test "$(head -c 6 "$tmp/one/en.json")" = osprey
run index --site "$sites/basic" --include 'body-only.html' --language de -o "$tmp/de.json"
check "--language does not override <html lang>" index_language_is "$tmp/de.json" en
printf '<html><body><main><p>nolangword</p></main></body></html>' >"$tmp/nolang.html"
mkdir -p "$tmp/nolang" && mv "$tmp/nolang.html" "$tmp/nolang/"
run index --site "$tmp/nolang" --language de -o "$tmp/nolang.json"
check "--language for pages without lang" index_language_is "$tmp/nolang.json" de

# ---- every kind of broken page: warnings, counted, and the run goes on
run index --site "$sites/broken" --bundle "$tmp/broken" --assets "$fake" --max-file-size 16000 --threads 2
check "broken site exits 0" rc_is 0
for line in \
  "broken/binary.html: warning: not text (binary bytes in the first 8 KiB); skipped" \
  "broken/bad-utf8.html: warning: invalid UTF-8 from line 3: 3 sequences replaced by U+FFFD" \
  "broken/big.html: warning: 21103 bytes, over the limit of 16000 (max_file_size); skipped" \
  "broken/deep.html: warning: elements nested more than 1024 deep (browsers stop at 512); skipped" \
  "broken/empty.html: warning: no text to index; skipped" \
  "broken/unclosed.html: warning: 5 HTML syntax errors, recovered as a browser does" \
  "broken/badlang.html: warning: lang=\"123\" is not a language code; indexed as \"en\"" \
  "broken/unsupported-charset.html: warning: charset \"shift_jis\" is not supported; read as UTF-8" \
  "broken/attributes.html: warning: data-osprey-weight=\"11\" is not a number above 0 and at most 10; ignored"; do
  check "warning: $line" err_has "$line"
done
check "broken summary" err_has "osprey: 7 pages indexed of 11 files (4 skipped); "
check "every warning counted by kind" err_has "osprey: 12 warnings (too-large 1, binary 1, too-deep 1, encoding 2, markup 1, no-text 1, language 1, attribute 4)"
check "warning lines = count" [ "$(grep -c ': warning: ' "$tmp/err")" -eq 12 ]

# Nothing indexable: exit 1 after the warnings.
mkdir -p "$tmp/onlybad" && cp "$sites/broken/binary.html" "$sites/broken/empty.html" "$tmp/onlybad/"
run index --site "$tmp/onlybad" --bundle "$tmp/ob" --assets "$fake"
check "nothing indexable exits 1" rc_is 1
check "nothing indexable says so" err_has "osprey: none of the 2 files under $tmp/onlybad could be indexed (see the warnings above)"
check "nothing written" test ! -e "$tmp/ob"
mkdir -p "$tmp/nopages"
run index --site "$tmp/nopages"
check "no pages exits 1" rc_is 1
check "no pages message" err_has "osprey: $tmp/nopages: no page to index (no file matches **/*.html)"
run index --site "$tmp/missing"
check "missing site" err_has "osprey: $tmp/missing: not a folder"

# ---- pathological pages: attributes cut, a page over the time limit skipped
# (html_prescan.hpp, html_extract.hpp); the rest of the site is indexed. Two
# sites: the crowded page under the default limit (10 s; a slow sanitizer
# build may take over a second on it), the slow one under a short limit.
mkdir -p "$tmp/patho" "$tmp/slowsite"
cp -r "$sites/basic/index.html" "$sites/basic/guide" "$tmp/patho/"
cp -r "$sites/basic/index.html" "$sites/basic/guide" "$tmp/slowsite/"
many() {  # many N PREFIX: N attributes PREFIX0 .. PREFIX(N-1)
  node -e "process.stdout.write(Array.from({length: +process.argv[1]}, (_, i) => process.argv[2] + i).join(' '))" "$1" "$2"
}
printf '<html><body><main><p>crowdedword</p>\n<div %s>inside</div></main></body></html>\n' \
  "$(many 80000 a)" >"$tmp/patho/crowded.html"
# After <frameset> the parser ignores a <style>, so its content is markup to
# it but raw text to the scan (html_prescan.hpp): 80,000 attributes reach
# Gumbo, which would take a minute; the time limit stops it.
printf '<html><head></head><frameset><style><div %s></style></frameset></html>\n' \
  "$(many 80000 s)" >"$tmp/slowsite/slow.html"
run index --site "$tmp/patho" --bundle "$tmp/patho-b" --assets "$fake"
check "crowded site exits 0" rc_is 0
check "crowded page: attributes cut, reported" err_has "$tmp/patho/crowded.html: warning: 1 tag with over 256 attributes, the first on line 2 (most on one tag: 80000); 79744 attributes past the limit dropped"
check "crowded summary" err_has "osprey: 3 pages indexed of 3 files (0 skipped); "
check "crowded kinds" err_has "osprey: 6 warnings (markup 2, attribute 4)"
run search "$(ls "$tmp"/patho-b/index.en.*.osp)" "crowdedword inside"
check "crowded page indexed" out_has "crowded.html"
run index --site "$tmp/slowsite" --bundle "$tmp/slow-b" --assets "$fake" --page-time-limit 0.5
check "slow site exits 0" rc_is 0
check "slow page: skipped, reported" err_has "$tmp/slowsite/slow.html: warning: reading it took over the limit of 0.5 s (page_time_limit); skipped"
check "slow summary" err_has "osprey: 2 pages indexed of 3 files (1 skipped); "
check "slow kinds" err_has "osprey: 5 warnings (too-slow 1, attribute 4)"
run index --site "$tmp/patho" --page-time-limit 0
check "page time limit must be positive" err_has "osprey: --page-time-limit takes a number of seconds from 0.001 to 86400"

# ---- the single-file page
run index --site "$sites/basic" --single-file "$tmp/offline.html" --assets "$fake"
check "single file without its engine exits 1" rc_is 1
check "single file engine message" err_has "engine/osprey-engine-single.js: No such file or directory (the single-file engine: build the wasm tree"
echo "var OspreyEngine = function () { return '</script>'; };" >"$fake/engine/osprey-engine-single.js"
run index --site "$sites/basic" --single-file "$tmp/offline/search.html" --assets "$fake"
check "single file without widget/fetch.js exits 1" rc_is 1
check "single file without widget/fetch.js: message" err_has "$fake/widget/fetch.js: No such file or directory"
echo "var OspreyFetch = 'fetch.js';" >"$fake/widget/fetch.js"
run index --site "$sites/basic" --single-file "$tmp/offline/search.html" --assets "$fake" --title "Osprey <offline>"
check "single file exits 0" rc_is 0
check "single file: fetch.js before osprey-core.js" node -e "const h = require('fs').readFileSync(process.argv[1], 'utf8'); process.exit(h.indexOf(\"var OspreyFetch = 'fetch.js';\") < h.indexOf('// fake osprey-core.js') && h.includes('// fake osprey-core.js') ? 0 : 1)" "$tmp/offline/search.html"
check "single file written" grep -qF '<title>Osprey &lt;offline&gt;</title>' "$tmp/offline/search.html"
check "single file engine escaped" grep -qF "return '<\/script>';" "$tmp/offline/search.html"
# The site root is written relative to the page's folder, wherever both are.
check "single file site root" grep -qE '"siteRoot":"(\.\./)+[^"]*tests/fixtures/sites/basic/"' "$tmp/offline/search.html"
check "single file both languages" [ "$(grep -c 'class="osprey-index"' "$tmp/offline/search.html")" -eq 2 ]
check "single file speaks English alone" grep -qF '"strings":{}' "$tmp/offline/search.html"
# The widget's strings of the index languages ride in the config (English is built in).
mkdir -p "$fake/strings"
echo '{"placeholder": "Rechercher <ici>"}' >"$fake/strings/fr.json"
echo '{"placeholder": "not used"}' >"$fake/strings/en.json"
run index --site "$sites/basic" --single-file "$tmp/offline/search.html" --assets "$fake"
check "single file strings" grep -qF '"strings":{"fr":{"placeholder":"Rechercher \u003cici>"}}' "$tmp/offline/search.html"
echo '["not", "an object"]' >"$fake/strings/fr.json"
run index --site "$sites/basic" --single-file "$tmp/offline/search.html" --assets "$fake"
check "single file bad strings exits 1" rc_is 1
check "single file bad strings message" err_has "$fake/strings/fr.json: the UI strings are not a JSON object"
rm -r "$fake/strings" "$fake/widget/fetch.js"

# ---- osprey.json, and flags over it
mkdir -p "$tmp/cfg"
cp -r "$sites/basic" "$tmp/cfg/public"
cat >"$tmp/cfg/osprey.json" <<'EOF'
{"site": "public", "exclude": ["drafts/", "fr/"], "bundle": "out/search", "base_path": "/docs/"}
EOF
run index --config "$tmp/cfg/osprey.json" --assets "$fake"
check "config exits 0" rc_is 0
check "config paths are relative to it" test -f "$tmp/cfg/out/search/osprey-manifest.json"
check "config exclude" err_has "osprey: 3 pages indexed of 3 files"
check "config base path" json_is "$tmp/cfg/out/search/osprey-manifest.json" 'j.site_root' '"/docs/"'
run search "$(ls "$tmp"/cfg/out/search/index.en.*.osp)" "telescope" --limit 1
check "base path in urls" out_has "/docs/guide/  Watching Ospreys: A Guide"
run index --config "$tmp/cfg/osprey.json" --assets "$fake" --bundle "$tmp/cfg/flag" --exclude 'guide/'
check "flags override the config" test -f "$tmp/cfg/flag/osprey-manifest.json"
check "flag globs replace the config's" err_has "osprey: 4 pages indexed of 4 files"
# "section_text": false: a section is found by its heading only (tar's text holds "compress").
cp -r "$sites/taxonomy" "$tmp/cfg/taxonomy"
echo '{"site": "taxonomy", "section_text": false}' >"$tmp/cfg/headings.json"
run index --config "$tmp/cfg/headings.json" -o "$tmp/cfg/headings.osp"
check "section_text false exits 0" rc_is 0
run search "$tmp/cfg/headings.osp" compress
check "section_text false: no section by its text" [ "$(grep -c 'posts/backups/#tar' "$tmp/out")" = 0 ]
run index --site "$tmp/cfg/taxonomy" -o "$tmp/cfg/texts.osp"
run search "$tmp/cfg/texts.osp" compress
check "section text by default: the section by its text" out_has "- posts/backups/#tar  Archive with tar"
echo '{"site": "public", "colour": "red"}' >"$tmp/cfg/bad.json"
run index --config "$tmp/cfg/bad.json"
check "unknown config key exits 1" rc_is 1
check "unknown config key" err_has "osprey: $tmp/cfg/bad.json: unknown key \"colour\" (see docs/config.md)"
cat >"$tmp/cfg/records.json" <<EOF
{"input": "$src/tests/fixtures/records/books.json", "schema": $(cat "$src/tests/fixtures/records/books.schema.json"), "bundle": "books"}
EOF
run index --config "$tmp/cfg/records.json" --assets "$fake"
check "records from a config" rc_is 0
check "records bundle" json_is "$tmp/cfg/books/osprey-manifest.json" '[j.site_root, Object.keys(j.languages), j.languages.en.documents > 0]' '[null,["en"],true]'

# ---- records into a bundle (the JSON input keeps working)
run index "$src/data/news.json" --bundle "$tmp/news" --assets "$fake"
check "records bundle exits 0" rc_is 0
check "records summary" err_has "osprey: indexed 10 of 10 records (0 skipped, 0 warnings), "
check "records manifest" json_is "$tmp/news/osprey-manifest.json" '[j.languages.en.documents, j.filters, j.sorts, j.fields.url]' '[10,["type","year"],["date"],"url"]'
run index "$src/data/news.json" --bundle "$tmp/news-fr" --assets "$fake" --language fr
check "records language" index_language_is "$(ls "$tmp"/news-fr/index.fr.*.osp)" fr
# A big index is sharded in the bundle: a base, and parts beside it.
run index "$src/data/news.json" --bundle "$tmp/news-split" --assets "$fake" --split-above 0
check "sharded bundle exits 0" rc_is 0
check "sharded manifest counts parts" json_is "$tmp/news-split/osprey-manifest.json" 'j.languages.en.parts >= 2' 'true'
base=$(ls "$tmp"/news-split/index.en.*.osp)
check "parts in the folder the base names" test -f "${base%.osp}/p0"
run search "$base" Koblenz
check "a sharded index searches like a whole one" out_line 1 "1 result"

# ---- usage errors exit 2
run index --site
check "--site without a value" rc_is 2
run index "$src/data/news.json" --site "$sites/basic"
check "INPUT and --site" rc_is 2
run index --site "$sites/basic" --language English
check "bad --language" rc_is 2
run index --site "$sites/basic" --max-file-size 0
check "bad --max-file-size" rc_is 2
run index --site "$sites/basic" --frobnicate
check "unknown index option" rc_is 2
run index --help
check "index --help" out_has "EXIT CODES"
check "help documents --site" out_has "osprey index --site DIR [options]"

# ---- osprey assets: the folder found and the files bundles copy
run assets --assets "$fake"
check "assets exits 0" rc_is 0
check "assets: the folder, then the files" [ "$(cat "$tmp/out")" = "$fake
osprey.js
osprey-worker.js
osprey-core.js
engine/osprey-engine.js
engine/osprey-engine.wasm
widget/render.js
engine/osprey-engine-single.js" ]
OSPREY_ASSETS=$fake run assets
check "assets from OSPREY_ASSETS" out_line 1 "$fake"
# A program with web/ beside it (the release folder) finds it there, also
# through a link; the environment still wins.
mkdir -p "$tmp/release"
cp "$osprey" "$tmp/release/osprey"
cp -r "$fake" "$tmp/release/web"
ln -s "$tmp/release/osprey" "$tmp/osprey-link"
(unset OSPREY_ASSETS; "$tmp/osprey-link" assets >"$tmp/out" 2>"$tmp/err")
check "assets beside the program, through a link" out_line 1 "$tmp/release/web"
rm "$tmp/release/web/engine/osprey-engine-single.js"
(unset OSPREY_ASSETS; "$tmp/release/osprey" assets >"$tmp/out" 2>"$tmp/err")
check "without the single-file engine, the rest" [ "$(sed -n '2,$p' "$tmp/out" | tr '\n' ' ')" = "osprey.js osprey-worker.js osprey-core.js engine/osprey-engine.js engine/osprey-engine.wasm widget/render.js " ]
(OSPREY_ASSETS=$fake "$tmp/release/osprey" assets >"$tmp/out" 2>"$tmp/err")
check "OSPREY_ASSETS before the program's folder" out_line 1 "$fake"
rm "$fake/osprey-core.js"
run assets --assets "$fake"
check "a required file missing exits 1" rc_is 1
check "a required file missing is named" [ "$(cat "$tmp/err")" = "osprey: $fake: osprey-core.js is missing (build the wasm tree: cmake --build build/wasm)" ]
echo "// fake osprey-core.js" >"$fake/osprey-core.js"
run assets --assets "$tmp/nowhere"
check "no osprey.js there" [ "$(cat "$tmp/err")" = "osprey: assets folder $tmp/nowhere has no osprey.js" ]
run assets --bogus
check "assets: unknown argument" rc_is 2

# ---- osprey serve
run serve
check "serve without DIR" rc_is 2
run serve "$tmp/missing"
check "serve missing folder" rc_is 1
mkdir -p "$tmp/www/engine" "$tmp/www/docs"
cp "$fake/engine/osprey-engine.wasm" "$fake/osprey.js" "$tmp/www/" 2>/dev/null
cp "$fake/engine/osprey-engine.wasm" "$tmp/www/engine/"
echo '{"a": 1}' >"$tmp/www/data.json"
echo '<p>home</p>' >"$tmp/www/index.html"
echo '<p>docs</p>' >"$tmp/www/docs/index.html"
"$osprey" serve "$tmp/www" --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$tmp/serve.out" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/serve.out")
check "serve prints its URL" [ -n "$base" ]
type_of() { curl -s -o /dev/null -w '%{http_code} %{content_type}' "$base$1"; }
check "wasm type" [ "$(type_of engine/osprey-engine.wasm)" = "200 application/wasm" ]
check "js type" [ "$(type_of osprey.js)" = "200 text/javascript; charset=utf-8" ]
check "json type" [ "$(type_of data.json)" = "200 application/json; charset=utf-8" ]
check "folder index" [ "$(curl -s "${base}docs/")" = "<p>docs</p>" ]
check "root index" [ "$(curl -s "$base")" = "<p>home</p>" ]
check "folder without slash redirects" [ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${base}docs")" = "301 ${base}docs/" ]
check "missing file 404" [ "$(type_of nothing.js | cut -d' ' -f1)" = "404" ]
check "no escape from the folder" [ "$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "${base}../../etc/passwd")" != "200" ]
check "no-cache" curl -sI "${base}osprey.js" -o "$tmp/headers" -w '' && grep -qi '^cache-control: no-cache' "$tmp/headers"
check "loopback only" [ "$(grep -o '127.0.0.1' "$tmp/serve.out" | head -1)" = "127.0.0.1" ]
kill -TERM "$server_pid"
wait "$server_pid"
check "serve stops on SIGTERM with 0" [ $? -eq 0 ]
server_pid=
check "serve logs requests" grep -q '^200 GET /osprey.js$' "$tmp/serve.err"

finish "site cli"
