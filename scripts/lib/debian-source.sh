# Sourced by the fetch-* scripts: gets a Debian source package through a
# private deb-src list (the system's apt lists are not touched), checks its
# files against pinned sha256 sums, unpacks the upstream tarball and the
# debian/ tarball, and applies Debian's patches (debian/patches/series).
#
#   debian_source DIR PACKAGE=VERSION FILE SHA256 [FILE SHA256 ...]
#
# The first FILE is the upstream tarball (.orig.tar.*), the others are unpacked
# over it (the .debian.tar.*). DIR must not exist; it holds the patched tree.
debian_source() {
  local dir=$1 spec=$2
  shift 2
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/lists/partial" "$tmp/etc" "$dir"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then  # deb822 (Debian 12's default)
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$tmp/etc/src.sources"
  else  # one-line format
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$tmp/etc/src.list"
  fi
  local o=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$tmp/etc"
           -o "Dir::State::Lists=$tmp/lists" -o APT::Sandbox::User=root)
  apt-get "${o[@]}" update -qq
  (cd "$tmp" && apt-get "${o[@]}" source -qq --download-only "$spec")
  local strip=--strip-components=1
  while [ $# -ge 2 ]; do
    (cd "$tmp" && printf '%s  %s\n' "$2" "$1" | sha256sum -c --quiet)
    tar xf "$tmp/$1" -C "$dir" $strip
    strip=""
    shift 2
  done
  if [ -f "$dir/debian/patches/series" ]; then
    local p
    while read -r p; do
      [ -n "$p" ] && [ "${p#\#}" = "$p" ] && patch -s -p1 -d "$dir" <"$dir/debian/patches/$p"
    done <"$dir/debian/patches/series"
  fi
  rm -rf "$tmp"
}
