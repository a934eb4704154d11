# Shared helpers of the shell test scripts (tests/cli/run.sh, tests/site/*.sh).
# Source it after setting $osprey (the binary) and $tmp (a scratch folder).
# Each check counts as passed or failed; finish prints "NAME: N passed, N failed"
# and returns non-zero if anything failed.
passed=0
failed=0

check() {  # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
    [ -f "$tmp/out" ] && echo "  stdout: $(head -c 800 "$tmp/out")"
    [ -f "$tmp/err" ] && echo "  stderr: $(head -c 1500 "$tmp/err")"
  fi
  return 0
}
run() { "$osprey" "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
rc_is() { [ "$(cat "$tmp/rc")" = "$1" ]; }
err_has() { grep -qF -- "$1" "$tmp/err"; }
err_lacks() { ! grep -qF -- "$1" "$tmp/err"; }
out_has() { grep -qF -- "$1" "$tmp/out"; }
# The language an index was built for (osprey search --info names it).
index_language_is() { "$osprey" search "$1" --info | grep -qF ",\"language\":\"$2\","; }
out_line() { [ "$(sed -n "$1p" "$tmp/out")" = "$2" ]; }
# out_hit LINE RANK TEXT: line LINE of a search's output is hit RANK, a score
# with three decimals, then exactly TEXT (the score itself is not compared).
out_hit() {
  [[ $(sed -n "$1p" "$tmp/out") =~ ^([0-9]+)\.\ \[[0-9]+\.[0-9]{3}\]\ (.*)$ ]] &&
    [ "${BASH_REMATCH[1]}" = "$2" ] && [ "${BASH_REMATCH[2]}" = "$3" ]
}
err_lines() { [ "$(wc -l <"$tmp/err")" -eq "$1" ]; }
finish() {  # finish NAME
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
