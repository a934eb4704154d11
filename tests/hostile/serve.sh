#!/usr/bin/env bash
# Hostile requests to `osprey serve` (loopback only): traversal (plain,
# encoded, double-encoded), NUL, dotfiles, symbolic links out of the folder,
# the 404 path, Host headers (DNS rebinding), a busy port, slow headers.
# usage: serve.sh OSPREY_BINARY SOURCE_DIR
set -u
osprey=$1
src=$2
tmp=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=../lib.sh
. "$src/tests/lib.sh"

w=$tmp/www
mkdir -p "$w/docs" "$w/.git" "$tmp/outside/folder"
echo '<p>home</p>' >"$w/index.html"
echo '<p>docs</p>' >"$w/docs/index.html"
echo 'plain notes' >"$w/notes.txt"
echo 'SECRET=1' >"$w/.env"
echo '[core]' >"$w/.git/config"
echo 'shadow secret' >"$tmp/outside/shadow"
echo '<p>elsewhere</p>' >"$tmp/outside/folder/index.html"
ln -s "$tmp/outside/shadow" "$w/shadow"
ln -s "$tmp/outside" "$w/out"
ln -s docs/index.html "$w/alias.html"
mkfifo "$w/pipe.txt"

# "--" ends the options: a folder may be named like one.
timeout 10 "$osprey" serve -- --port >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/rc"
check "serve -- --port is a folder name" [ "$(cat "$tmp/err")" = "osprey: --port: not a folder" ]
check "serve -- --port exits 1" rc_is 1

"$osprey" serve "$w" --port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
for _ in $(seq 50); do grep -q 'http://127.0.0.1:' "$tmp/serve.out" && break; sleep 0.1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/serve.out" | grep -o '[0-9]*/$' | tr -d /)
base="http://127.0.0.1:$port"
check "serve started" [ -n "$port" ]
get() { curl -s --path-as-is --max-time 5 -o "$tmp/body" -w '%{http_code} %{content_type}' "$@"; }
code() { curl -s --path-as-is --max-time 5 -o "$tmp/body" -w '%{http_code}' "$@"; }

check "a page" [ "$(get "$base/index.html")" = "200 text/html; charset=utf-8" ]
check "a link inside the folder" [ "$(code "$base/alias.html")" = 200 ]
# Traversal, plain and encoded: nothing outside the folder, and a plain 404.
for path in /../outside/shadow /../../../../etc/passwd /%2e%2e/%2e%2e/etc/passwd /..%2f..%2fetc%2fpasswd \
            /%252e%252e/%252e%252e/etc/passwd /docs/..%2f..%2foutside/shadow /docs/%2e%2e/notes.txt \
            '/..\..\etc\passwd' /%c0%ae%c0%ae/etc/passwd; do
  check "traversal $path is 404" [ "$(code "$base$path")" = 404 ]
  check "traversal $path body" [ "$(cat "$tmp/body")" = "404 not found" ]
done
check "symbolic link out (a file)" [ "$(code "$base/shadow")" = 404 ]
check "symbolic link out (a folder)" [ "$(code "$base/out/shadow")" = 404 ]
check "no redirect reveals a folder outside" [ "$(code "$base/out/folder")" = 404 ]
check "no redirect through ..%2f" [ "$(code "$base/..%2foutside%2ffolder")" = 404 ]
check "a folder inside still redirects" [ "$(code "$base/docs")" = 301 ]
check "dotfile" [ "$(code "$base/.env")" = 404 ]
check "dot folder" [ "$(code "$base/.git/config")" = 404 ]
check "encoded dotfile" [ "$(code "$base/%2eenv")" = 404 ]
# NUL: never served, least of all as HTML.
check "NUL is 400" [ "$(get "$base/notes.txt%00.html")" = "400 text/plain; charset=utf-8" ]
check "NUL body says why" [ "$(cat "$tmp/body")" = "400 bad request: NUL in the path" ]
# Only regular files: a FIFO is never opened for a reader (no hang, a 404).
check "a FIFO is 404" [ "$(code "$base/pipe.txt")" = 404 ]
check "a file is served with its own type" [ "$(get "$base/notes.txt")" = "200 text/plain; charset=utf-8" ]
# Host: loopback names only (DNS rebinding).
check "Host 127.0.0.1:PORT" [ "$(code -H "Host: 127.0.0.1:$port" "$base/")" = 200 ]
check "Host localhost:PORT" [ "$(code -H "Host: localhost:$port" "$base/")" = 200 ]
check "Host [::1]:PORT" [ "$(code -H "Host: [::1]:$port" "$base/")" = 200 ]
check "Host evil.example:PORT" [ "$(code -H "Host: evil.example:$port" "$base/")" = 421 ]
check "Host evil.example body" [ "$(cat "$tmp/body")" = "421 misdirected request: this server answers to 127.0.0.1, localhost and [::1]" ]
check "Host 127.0.0.1.evil.example" [ "$(code -H "Host: 127.0.0.1.evil.example:$port" "$base/")" = 421 ]
check "Host localhost:other port" [ "$(code -H "Host: localhost:1$port" "$base/")" = 421 ]
check "no Host" [ "$(code -H "Host:" "$base/")" = 421 ]
check "control characters in the log are escaped" [ "$(code "$base/%1b%5b2J")" = 404 ]
check "log line escaped" grep -qF '404 GET /\x1b[2J' "$tmp/serve.err"

# A second server on the busy port refuses to start.
timeout 10 "$osprey" serve "$w" --port "$port" >"$tmp/out" 2>"$tmp/err"
echo $? >"$tmp/rc"
check "busy port exits 1" rc_is 1
check "busy port says so" [ "$(cat "$tmp/err")" = "osprey: cannot listen on 127.0.0.1:$port: Address already in use (is another server running there? choose another --port)" ]
check "the first server still answers" [ "$(code "$base/index.html")" = 200 ]

# 60 slow clients: an ordinary request is served at once, and each slow
# connection is closed by the server 3 s (kRequestSeconds) after it opened
# (measured per connection, from its connect to its close).
line=$(timeout 30 node "$src/tests/hostile/slow_headers.mjs" "$port" 60)
echo "slow headers: $line"
normal_ms=$(echo "$line" | sed -n 's/^normal 200 \([0-9]*\);.*/\1/p')
check "ordinary request served during the attack" [ -n "$normal_ms" ]
check "ordinary request within 2 s" [ "${normal_ms:-99999}" -lt 2000 ]
check "all slow connections closed by the server" grep -q "closed 60 of 60" <<<"$line"
last=$(echo "$line" | sed -n 's/.*last \([0-9.]*\) s$/\1/p')
first=$(echo "$line" | sed -n 's/.*first \([0-9.]*\) s,.*/\1/p')
check "closed no sooner than the bound (${first:-none} s)" awk -v t="${first:-0}" 'BEGIN { exit !(t >= 2.5) }'
check "closed within the bound (${last:-none} s)" awk -v t="${last:-99}" 'BEGIN { exit !(t <= 4.5) }'

kill -TERM "$server_pid"
wait "$server_pid"
check "serve stops with 0" [ $? -eq 0 ]
server_pid=
finish "hostile serve"
