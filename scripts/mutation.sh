#!/usr/bin/env bash
# Mutation testing of what a wrong line would most quietly spoil (see [tool.mutmut] in pyproject.toml).
# Lists the surviving mutants by function and fails when more survive than tests/mutation-budget.txt
# allows: new code there needs tests that notice when it breaks. Lower the budget as survivors are killed.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf mutants
.venv/bin/mutmut run >/tmp/sze-mutmut.log 2>&1 || { tail -c 3000 /tmp/sze-mutmut.log; exit 1; }
.venv/bin/mutmut results >mutants/survivors.txt 2>/dev/null || true
survivors=$(grep -c ': survived' mutants/survivors.txt || true)
total=$(grep -o '[0-9]*/[0-9]* ' /tmp/sze-mutmut.log | tail -1 | cut -d/ -f2)
budget=$(grep -o '^[0-9]*' tests/mutation-budget.txt)
echo "mutmut: ${survivors} of ${total} mutants survived (budget ${budget}); by function:"
sed -E 's/__mutmut_[0-9]+: survived//; s/^ +//' mutants/survivors.txt | sort | uniq -c | sort -rn
if [ "$survivors" -gt "$budget" ]; then
  echo "More mutants survive than the budget allows: see 'mutmut show NAME' for each, and test what it changes." >&2
  exit 1
fi
