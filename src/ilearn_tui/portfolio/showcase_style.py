"""The showcase page's stylesheet: system fonts only, readable on screen, tidy on paper.

Kept apart from the page builder so the HTML module stays short; it is inlined in the page
(a showcase is one self-contained file and the page's policy forbids loading anything).
"""

from __future__ import annotations

CSS = """
:root {
  --ink: #1d2330; --muted: #5a6272; --line: #d9dde5; --soft: #f3f5f9; --accent: #0b5394;
  --bar: #0072B2;
}
* { box-sizing: border-box; }
html { font-size: 16px; }
body {
  margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.55;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2.1rem; margin-top: 0.2rem; }
h2 { font-size: 1.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
p, li, td, dd, h1, h2, h3, h4, h5, h6, blockquote { overflow-wrap: anywhere; }
blockquote { margin: 0.5rem 0; padding: 0.2rem 1rem; border-left: 4px solid var(--line);
  color: var(--muted); }
pre { background: var(--soft); padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.94rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top;
  min-width: 6.5em; }
th { background: var(--soft); }
td:first-child { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; background: var(--soft); }
.title { border-bottom: 4px solid var(--accent); padding-bottom: 1rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0;
  font-size: 0.85rem; }
.who { font-size: 1.1rem; margin: 0.2rem 0 0.8rem; color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 0.4rem 2rem; margin: 0; }
.facts div { display: flex; gap: 0.4rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.note { color: var(--muted); font-style: italic; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); gap: 0.75rem;
  margin: 1.5rem 0; padding: 0; list-style: none; }
.stats li { border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.8rem;
  background: var(--soft); }
.stats strong { display: block; font-size: 1.6rem; line-height: 1.1; }
.stats span { color: var(--muted); font-size: 0.9rem; }
figure { margin: 1rem 0 1.5rem; break-inside: avoid; }
.gallery { display: flex; flex-wrap: wrap; gap: 1rem; }
.gallery figure { margin: 0; flex: 1 1 16rem; max-width: 24rem; }
.gallery img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
.gallery figcaption { font-size: 0.9rem; color: var(--muted); }
figcaption { font-weight: 700; margin-bottom: 0.4rem; }
svg.chart { width: 100%; max-width: 100%; height: auto; display: block; }
svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 12px; fill: var(--ink); }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .bar { fill: var(--bar); }
svg.chart .axis { stroke: var(--muted); }
svg.chart .grid { stroke: var(--line); }
svg.chart .line { fill: none; stroke-width: 2.5; }
nav.contents ul { columns: 2; padding-left: 0; list-style: none; }
.goal, .innovation, .session, article.reflection { border-left: 4px solid var(--line);
  padding: 0.1rem 0 0.1rem 1rem; margin: 1rem 0 1.5rem; }
.goal h4, .innovation h3, article.reflection h3 { margin-top: 0.3rem; }
.lede { font-size: 1.05rem; margin: 0.25rem 0 1rem; }
.meta { color: var(--muted); font-size: 0.92rem; margin: 0 0 0.5rem; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 999px; padding: 0 0.5rem;
  font-size: 0.85rem; margin-right: 0.25rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line);
  padding-top: 0.75rem; }
@media print {
  @page { margin: 16mm 14mm; }
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; color: #000; }
  nav.contents { display: none; }
  a { color: #000; text-decoration: underline; }
  a[href^="http"]::after, a[href^="mailto"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; }
  tr, figure, .goal, .stats li { break-inside: avoid; page-break-inside: avoid; }
  .stats li, th, tr.total td { background: none; }
  section#reflections { break-before: page; }
}
"""
