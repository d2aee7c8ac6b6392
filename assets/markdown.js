/* dcc.Markdown's code highlighter, which this dashboard never needs (issue 9).
 *
 * The dashboard writes Markdown only for the tables of a chart's values (layouts/components.markdown_table),
 * every cell escaped, so no code block ever reaches the page. dcc.Markdown still fetches highlight.js
 * (38 KB compressed) on first use unless `window.hljs` is there already: it takes that instead
 * (dash/dcc async-markdown, `loadhljs`). This stands in for it, so a cold load carries 38 KB less.
 */
window.hljs = window.hljs || {
  highlightElement: function () {},
  highlightBlock: function () {},
};
