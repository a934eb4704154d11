#!/usr/bin/env bash
# Makes sure the Python 3.11 documentation (Sphinx HTML, 530 pages, from
# Debian's python3.11-doc) is unpacked under DIR (default build/corpora/python-docs),
# downloading the package once; prints the site's root folder.
# usage: python-docs-corpus.sh [DIR]
set -euo pipefail
cache=${1:-$(cd "$(dirname "$0")/../.." && pwd)/build/corpora/python-docs}
site=$cache/usr/share/doc/python3.11/html
if [ ! -f "$site/library/json.html" ]; then
  echo "python-docs: fetching Debian's python3.11-doc into $cache" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$cache"
  if ! (cd "$tmp" && apt-get download -q python3.11-doc >/dev/null 2>&1); then
    apt-get update -q >/dev/null
    (cd "$tmp" && apt-get download -q python3.11-doc >/dev/null)
  fi
  dpkg-deb -x "$tmp"/python3.11-doc_*.deb "$cache"
fi
echo "$site"
