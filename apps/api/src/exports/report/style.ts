/** The report's only styles: inline (the CSP allows nothing else), readable on screen and on paper. */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; margin: 2rem auto; max-width: 62rem; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1d2330; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #c8ccd4; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef0f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.overall td { font-weight: 700; background: #f6f7f9; }
tr.action td { background: #f6f7f9; font-weight: 600; }
tr.part td:nth-child(2) { padding-left: 1.4rem; }
.key { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.note { white-space: pre-wrap; }
.muted { color: #5b6270; }
.flag { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; font-weight: 600; }
.flag.warn { background: #fde8c8; color: #7a4100; }
.flag.afi { background: #e3ecfb; color: #163e7a; }
.unanswered { color: #9a2a2a; font-style: italic; }
ul.links { margin: .2rem 0 0; padding-left: 1.1rem; }
.source { font-size: .85rem; }
.flag.overdue { background: #fbdcdc; color: #8a1c1c; }
p.summary { font-size: 1rem; background: #f6f7f9; border-left: 4px solid #1d2330; padding: .6rem .8rem; }
td.change { color: #5b6270; }
ol.history { margin: .35rem 0 0; padding-left: 1.1rem; font-size: .85rem; }
ol.history li { margin: .15rem 0; }
tr.overdue td.due { font-weight: 600; }
.links-across { font-size: .85rem; }
footer { margin-top: 2.5rem; font-size: .8rem; color: #5b6270; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.element { break-before: auto; }
  tr, .facts { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: #5b6270; word-break: break-all; }
  th, tr.action td, tr.overall td, .flag { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
