// The dashboard's partial plotly.js: the core (scatter, the components, the en/en-US locales) and the
// trace types the figure builders draw, listed in traces.json beside this file. Built by
// scripts/build-plotly.sh; tests/unit/test_plotly_bundle.py fails when a figure uses a trace not listed here.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/scattergeo'),
]);

window.Plotly = Plotly;
