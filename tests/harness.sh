# Sourced by the shell tests (cli, batch, hostile): a scratch directory $tmp
# removed on exit (a script that needs more cleanup sets its own trap after
# sourcing), pass/fail counters, and the closing line.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
# finish [NAME]: prints the counts; its status is the script's verdict.
finish() {
  echo "${1:+$1: }$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
