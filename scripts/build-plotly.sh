#!/usr/bin/env bash
# Build the dashboard's partial plotly.js: dashboard/vendor/plotly-sze.min.js, with only the trace types the
# figure builders draw (scripts/plotly-build/traces.json, registered in scripts/plotly-build/entry.js).
# Run it after changing either file or the plotly.js pin; commit the built file. Needs node and npm
# (npm ci installs the pinned plotly.js and esbuild from the lockfile into scripts/plotly-build/node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
recipe=scripts/plotly-build
out=dashboard/vendor/plotly-sze.min.js

(cd "$recipe" && npm ci --no-audit --no-fund --loglevel=error)
version=$(node -p "require('./$recipe/node_modules/plotly.js/package.json').version")

# the pinned plotly.js must be the one the Python package's figures are made for (its schema, its defaults)
if [ -x .venv/bin/python ]; then
  python_js=$(.venv/bin/python -c "from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())")
  if [ "$python_js" != "$version" ]; then
    echo "plotly.js $version is pinned in $recipe/package.json, but the plotly package bundles $python_js:" \
      "pin that one and rebuild" >&2
    exit 1
  fi
fi

# traces.json and entry.js name the same traces (the unit tests check the figures against traces.json)
traces=$(node -p "require('./$recipe/traces.json').traces.join(',')")
registered=$(grep -o "require('plotly.js/lib/[a-z0-9]*')" "$recipe/entry.js" | sed "s|.*/lib/||; s|')||" \
  | grep -vx core | sort | paste -sd, -)
if [ "$traces" != "$registered" ]; then
  echo "$recipe/traces.json names $traces, but entry.js registers $registered" >&2
  exit 1
fi

banner="/*! plotly.js $version, partial bundle of the SZE dashboard: traces ${traces//,/, } (besides plotly.js's core:
    its components and the en and en-US locales). Built by scripts/build-plotly.sh from $recipe/
    (entry.js, traces.json, package.json, package-lock.json); do not edit by hand. plotly.js: MIT,
    Copyright Plotly, Inc. (PLOTLY-LICENSE.txt beside this file); its dependencies' notices are at the end. */"

# as plotly.js builds its own bundles (its esbuild-config.js): an IIFE for the browser, global -> window;
# the one stylesheet plotly.js imports (maplibre-gl's, for the tile-map traces only) is left out
"$recipe/node_modules/.bin/esbuild" "$recipe/entry.js" --bundle --minify --format=iife --target=es2016 \
  --define:global=window --loader:.css=empty --legal-comments=eof --charset=utf8 \
  --banner:js="$banner" --log-level=warning --outfile="$out"
cp "$recipe/node_modules/plotly.js/LICENSE" dashboard/vendor/PLOTLY-LICENSE.txt

# its size beside the full plotly.js that Dash would serve
full=$( [ -x .venv/bin/python ] && .venv/bin/python -c \
  "import os, plotly; print(os.path.join(os.path.dirname(plotly.__file__), 'package_data', 'plotly.min.js'))" || true)
for file in "$out" ${full:+"$full"}; do
  printf '%-70s %9d bytes, %8d gzipped\n' "$file" "$(wc -c < "$file")" "$(gzip -9c "$file" | wc -c)"
done
