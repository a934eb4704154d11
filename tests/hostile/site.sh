#!/usr/bin/env bash
# Hostile sites for `osprey index --site`: symbolic links out of the site, to
# special files and in loops, FIFOs, sockets, dotfiles, huge and pathological
# pages (with a time bound), pages under the bundle folder, files in the way of
# the bundle, a single-file output that is a page, page paths that look like URLs.
# usage: site.sh OSPREY_BINARY SOURCE_DIR
set -u
osprey=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"
run() { timeout 30 "$osprey" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
page() { mkdir -p "$(dirname "$1")" && echo "<!doctype html><html lang=\"en\"><title>$2</title><body><main><p>$2</p></main></body></html>" >"$1"; }
fake=$tmp/assets
mkdir -p "$fake/engine" "$fake/widget"
for f in osprey.js osprey-worker.js osprey-core.js widget/fetch.js engine/osprey-engine.js engine/osprey-engine.wasm; do
  echo "// fake $f" >"$fake/$f"
done

# ---- symbolic links out of the site are skipped and reported; loops end
s=$tmp/site
page "$s/index.html" homeword
page "$tmp/private/secret.html" secretword
page "$tmp/outside.html" outsideword
ln -s "$tmp/private" "$s/private"
ln -s "$tmp/outside.html" "$s/leak.html"
ln -s /etc "$s/etc"
ln -s /proc/kmsg "$s/kmsg.html"
mkdir -p "$s/sub" && ln -s .. "$s/sub/up"
page "$s/sub/inner.html" innerword
ln -s sub/inner.html "$s/alias.html"   # inside: followed
mkfifo "$s/fifo.html"
python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$s/sock.html"
page "$s/.hidden.html" hiddenword
run index --site "$s" -o "$tmp/s.osp"
check "site with links exits 0" rc_is 0
check "link to a folder out: reported" err_has "$s/private: warning: symbolic link to $tmp/private, outside the site; skipped (--follow-symlinks follows it)"
check "link to a page out: reported" err_has "$s/leak.html: warning: symbolic link to $tmp/outside.html, outside the site; skipped (--follow-symlinks follows it)"
check "link to /etc: reported" err_has "$s/etc: warning: symbolic link to /etc, outside the site; skipped (--follow-symlinks follows it)"
check "link to /proc/kmsg: reported, not read" err_has "$s/kmsg.html: warning: symbolic link to /proc/kmsg, outside the site; skipped (--follow-symlinks follows it)"
check "link loop: reported" err_has "$s/sub/up: warning: symbolic link loop; not followed"
check "FIFO: reported, not opened" err_has "$s/fifo.html: warning: a FIFO, not a regular file; skipped"
check "socket: reported" err_has "$s/sock.html: warning: a socket, not a regular file; skipped"
check "counted by kind" err_has "osprey: 7 warnings (link 5, special 2)"
check "one line each" [ "$(grep -c ': warning: ' "$tmp/err")" -eq 7 ]
check "pages inside (and a link inside) indexed" err_has "osprey: 3 pages indexed of 3 files (0 skipped)"
run search "$tmp/s.osp" secretword
check "private page not published" out_line 1 "0 results"
run search "$tmp/s.osp" outsideword
check "outside page not published" out_line 1 "0 results"
run search "$tmp/s.osp" hiddenword
check "dotfile not indexed" out_line 1 "0 results"
run search "$tmp/s.osp" innerword
check "page inside indexed" out_line 1 "2 results"

# Links between folders cannot multiply the walk: 24 folders, each linking
# twice to the next, are 2^24 paths; each real folder is read once.
m=$tmp/multiply
for i in $(seq 0 24); do page "$m/d$i/p.html" "level$i"; done
for i in $(seq 0 23); do ln -s "../d$((i + 1))" "$m/d$i/x"; ln -s "../d$((i + 1))" "$m/d$i/y"; done
start=$(date +%s)
run index --site "$m" -o "$tmp/m.osp"
check "linked folders end in time ($(( $(date +%s) - start ))s)" rc_is 0
check "each folder read once" err_has "osprey: 25 pages indexed of 25 files (0 skipped)"
check "each second path reported" [ "$(grep -c 'symbolic link to a folder already read; not read twice' "$tmp/err")" -eq 48 ]

# --follow-symlinks: links out are followed, special files still never opened
rm "$s/kmsg.html"
ln -s /dev/null "$s/null.html"
run index --site "$s" -o "$tmp/f.osp" --follow-symlinks --exclude 'etc/'
check "--follow-symlinks exits 0" rc_is 0
check "--follow-symlinks: a device is still refused" err_has "$s/null.html: warning: a character device, not a regular file; skipped"
run search "$tmp/f.osp" secretword
check "--follow-symlinks follows" out_line 1 "1 result"

# ---- a file name with control characters is escaped in its warning line
c=$tmp/ctlsite
page "$c/index.html" homeword
printf '<!doctype html><html lang="en"><body></body></html>' >"$c/$(printf 'bad\033]0;pwned\007')".html
run index --site "$c" -o "$tmp/c.osp"
check "control characters in a file name escaped" err_has "$c/bad\x1b]0;pwned\x07.html: warning: no text to index; skipped"
check "no raw ESC on stderr" [ "$(grep -c $'\033' "$tmp/err")" -eq 0 ]

# ---- huge and pathological pages, in bounded time
p=$tmp/patho
mkdir -p "$p"
awk 'BEGIN { w = sprintf("%2000s", ""); gsub(/ /, "w", w); printf "<html lang=\"en\"><body><main>";
  for (i = 0; i < 2000; i++) printf "<p>%s bigword</p>", w; print "</main></body></html>" }' >"$p/big.html"
{ printf '<html lang="en"><body><main><p>opensword</p>'; head -c 300000 /dev/zero | tr '\0' 'x' | sed 's/x/<b>/g'; } >"$p/unclosed.html"
awk 'BEGIN { printf "<html lang=\"en\"><body><main><p>attrsword</p><div";
  for (i = 0; i < 20000; i++) printf " a%d=\"%d\"", i, i; print ">x</div></main></body></html>" }' >"$p/attrs.html"
head -c 3000000 /dev/urandom >"$p/noise.html"
start=$(date +%s)
run index --site "$p" -o "$tmp/p.osp"
took=$(( $(date +%s) - start ))
echo "pathological pages: ${took}s"; check "pathological pages end in time (${took}s)" [ "$took" -lt 25 ]
check "pathological pages exit 0" rc_is 0
check "noise is binary" err_has "$p/noise.html: warning: not text (binary bytes in the first 8 KiB); skipped"
check "300,000 open <b> refused before parsing" err_has "$p/unclosed.html: warning: elements nested more than 1024 deep (browsers stop at 512); skipped"
check "attributes cut before parsing" err_has "$p/attrs.html: warning: 1 tag with over 256 attributes, the first on line 1 (most on one tag: 20000); 19744 attributes past the limit dropped"
# The bounds, not the page time limit, end these pages: no page is too-slow,
# whatever the machine's speed (the time above is only a backstop).
check "pathological pages: the bounds end them" err_has "osprey: 5 warnings (binary 1, too-deep 1, markup 3)"
check "pathological pages: summary" err_has "osprey: 2 pages indexed of 4 files (2 skipped); "
run search "$tmp/p.osp" bigword
check "4 MB page indexed" out_line 1 "1 result"
run search "$tmp/p.osp" attrsword
check "page with 20000 attributes indexed" out_line 1 "1 result"

# ---- the bundle folder: pages under it reported, user files never overwritten
b=$tmp/bsite
page "$b/index.html" homeword
page "$b/osprey/mine.html" minepage
echo "my own script" >"$b/osprey/osprey.js"
run index --site "$b" --assets "$fake"
check "a user file in the way exits 1" rc_is 1
check "a user file in the way: message" err_has "osprey: $b/osprey/osprey.js: exists and was not written by osprey; not overwritten (move it away, or write the bundle to another folder with --bundle DIR)"
check "a user file in the way: kept" [ "$(cat "$b/osprey/osprey.js")" = "my own script" ]
check "a user file in the way: no manifest written" test ! -e "$b/osprey/osprey-manifest.json"
check "page under the bundle folder reported" err_has "$b/osprey/mine.html: warning: in the bundle folder being written; not indexed"
rm "$b/osprey/osprey.js"
mkfifo "$b/osprey/osprey.js"
run index --site "$b" --assets "$fake"
check "a FIFO in the way is refused, not waited on" err_has "osprey: $b/osprey/osprey.js: exists and was not written by osprey; not overwritten"
rm "$b/osprey/osprey.js"
run index --site "$b" --assets "$fake"
check "a free bundle folder is written" rc_is 0
check "in-bundle counted" err_has "osprey: 1 warning (in-bundle 1)"
echo "// a newer fake" >"$fake/osprey.js"
run index --site "$b" --assets "$fake"
check "our own files are rewritten" rc_is 0
check "our own files hold the new bytes" [ "$(cat "$b/osprey/osprey.js")" = "// a newer fake" ]
echo "// fake osprey.js" >"$fake/osprey.js"

# ---- a single-file output that is a page of the site is refused
o=$tmp/osite
page "$o/index.html" homeword
page "$o/search.html" searchword
cp "$o/index.html" "$tmp/index.before"
echo "var OspreyEngine = 1;" >"$fake/engine/osprey-engine-single.js"
run index --site "$o" --single-file "$o/index.html" --assets "$fake"
check "--single-file over a page exits 1" rc_is 1
check "--single-file over a page: message" err_has "osprey: $o/index.html: is one of the pages being indexed; --single-file would overwrite it (write it outside the site, or --exclude it)"
check "--single-file over a page: page kept" cmp -s "$o/index.html" "$tmp/index.before"
run index --site "$o" --single-file "$o/./sub/../search.html" --assets "$fake"
check "... however the path is spelled" err_has "is one of the pages being indexed; --single-file would overwrite it"
run index --site "$o" --single-file "$o/search.html" --exclude search.html --assets "$fake"
check "--single-file over an excluded page is fine" rc_is 0

# ---- a page path that looks like a URL stays a path on the site
u=$tmp/usite
page "$u/https:evil.example/index.html" evilword
page "$u/mailto:x.html" mailword
mkdir -p "$u/sub"
echo '<html lang="en"><body><main><p data-osprey-meta="image:src" src="../javascript:alert(1)">imgword</p></main></body></html>' >"$u/sub/img.html"
run index --site "$u" -o "$tmp/u.osp"
run search "$tmp/u.osp" evilword
check "scheme-like folder is percent-encoded" out_hit 2 1 "https%3Aevil.example/  evilword"
run search "$tmp/u.osp" mailword --json
check "scheme-like page is percent-encoded" out_has '"url":"mailto%3Ax.html"'
run search "$tmp/u.osp" imgword --json
check "a URL in a page that resolves to a scheme-like path is encoded too" out_has '"image":"javascript%3Aalert(1)"'
run index --site "$u" -o "$tmp/u2.osp" --base-path /docs/
run search "$tmp/u2.osp" evilword --json
check "with a base path it is root-relative" out_has '"url":"/docs/https%3Aevil.example/"'

finish "hostile site"
