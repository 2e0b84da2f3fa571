"""One self-contained web page per report: every style and script inline, no network of any kind.

The page's Content-Security-Policy allows nothing to load (``default-src 'none'``) and lets run only
the one style sheet and the one script it holds, by their SHA-256 hashes: no CDN, no web font, no
image from elsewhere, and no script a hostile catalog might smuggle in. Catalog text is data:
every string goes through ``text`` (the shared sanitiser's ``xml``: controls and bidirectional
overrides dropped, markup escaped); data the script reads is a JSON block (the sanitiser's
``json_text``, with ``<``, ``>`` and ``&`` escaped too), and the script writes it with
``textContent`` only.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from certpath import __version__
from certpath.render.sanitiser import json_text, line, xml

CSS = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#5f6368;--line:#d0d7de;--card:#f6f8fa;
--valid:#2e7d32;--expiring:#b26a00;--expired:#c62828;--planned:#1565c0;--unknown:#6a1b9a;
--none:#9e9e9e;--bar:#1565c0;--phase:#64b5f6;--today:#d81b60;--on-color:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#e8eaed;--muted:#9aa0a6;--line:#3c4043;
--card:#1e1e1e;--valid:#66bb6a;--expiring:#ffb74d;--expired:#ef5350;--planned:#64b5f6;
--unknown:#ce93d8;--none:#757575;--bar:#64b5f6;--phase:#1e88e5;--today:#f48fb1;
--on-color:#111}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.15rem;margin:1.4em 0 .4em}
.muted,footer{color:var(--muted);font-size:.85rem}
.facts{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0;padding:0;list-style:none}
.facts b{display:block;font-size:.75rem;color:var(--muted);font-weight:600;text-transform:uppercase}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}
svg{max-width:100%;height:auto}
.graph{background:#fff;border-radius:8px;padding:4px;overflow-x:auto}
.graph svg{min-width:600px}
g.cert{cursor:pointer}g.cert:focus{outline:none}
g.cert:focus rect.node,g.cert.selected rect.node{stroke:var(--today);stroke-width:4}
#details{margin-top:12px}#details dl{display:grid;grid-template-columns:max-content 1fr;
gap:4px 16px;margin:0}#details dt{font-weight:600;color:var(--muted)}#details dd{margin:0}
.gantt text{fill:var(--fg);font-size:12px}.gantt .axis{stroke:var(--line)}
.gantt .tick{fill:var(--muted);font-size:11px}
.gantt rect.bar.cert{fill:var(--bar)}.gantt rect.bar.phase{fill:var(--phase)}
.gantt rect.bar.estimate{opacity:.7}
.gantt .exam{fill:var(--expired)}.gantt line.today{stroke:var(--today);stroke-width:2;
stroke-dasharray:4 3}.gantt text.today{fill:var(--today);font-weight:600}
table.heatmap td.cell{text-align:center;font-size:.8rem;color:var(--on-color);
border:2px solid var(--bg);border-radius:4px;min-width:6.5em}
.nowrap,.d{white-space:nowrap}.gantt-box{overflow-x:auto}.gantt-box svg{min-width:640px}
.cell.valid,.legend .valid{background:var(--valid)}
.cell.expiring,.legend .expiring{background:var(--expiring)}
.cell.expired,.legend .expired{background:var(--expired)}
.cell.planned,.legend .planned{background:var(--planned)}
.cell.unknown,.legend .unknown{background:var(--unknown)}.legend .none{border:1px solid var(--none)}
.cell.none{background:transparent;color:var(--none)!important}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;padding:0;list-style:none;font-size:.85rem}
.legend span{display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:4px;
vertical-align:-2px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.8rem;font-weight:600;
color:var(--on-color);white-space:nowrap}.badge.met{background:var(--valid)}.badge.planned{background:var(--planned)}
.badge.not-met{background:var(--expired)}.unknown-fee{color:var(--expiring);font-weight:600}
@media (max-width:600px){main{padding:10px}body{font-size:14px}th,td{padding:4px 5px}
table.rows thead{display:none}table.rows,table.rows tbody,table.rows tr{display:block}
table.rows tr{border-bottom:1px solid var(--line);padding:6px 0}
table.rows td{display:flow-root;border:0;padding:1px 5px 1px 8.5em;text-align:left}
table.rows td::before{content:attr(data-label);float:left;width:7.6em;margin-left:-8em;
color:var(--muted);font-size:.8rem;font-weight:600;line-height:1.9}
table.rows td:first-child{padding-left:5px;font-weight:600}table.rows td:first-child::before{content:none}}
@media print{:root{--bg:#fff;--fg:#000;--card:#fff;--muted:#444}body{font-size:11pt}
main{max-width:none;padding:0}#details,.noprint{display:none!important}
section,tr,.card,svg{break-inside:avoid}h2{break-after:avoid}.scroll{overflow:visible}
td.cell{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:14mm}}
"""

SCRIPT = """
(function(){
  var data=document.getElementById('certpath-data');
  var info=data?JSON.parse(data.textContent):{};
  var panel=document.getElementById('details');
  if(!panel){return;}
  function show(group){
    var item=info[group.getAttribute('data-id')];
    if(!item){return;}
    document.querySelectorAll('g.cert.selected').forEach(function(g){g.classList.remove('selected');});
    group.classList.add('selected');
    panel.textContent='';
    var h=document.createElement('h2');h.textContent=item.name;panel.appendChild(h);
    var dl=document.createElement('dl');
    item.rows.forEach(function(row){
      var dt=document.createElement('dt');dt.textContent=row[0];
      var dd=document.createElement('dd');dd.textContent=row[1];
      dl.appendChild(dt);dl.appendChild(dd);
    });
    panel.appendChild(dl);panel.hidden=false;
  }
  document.querySelectorAll('g.cert').forEach(function(g){
    g.setAttribute('tabindex','0');g.setAttribute('role','button');
    g.addEventListener('click',function(){show(g);});
    g.addEventListener('keydown',function(e){
      if(e.key==='Enter'||e.key===' '){e.preventDefault();show(g);}
    });
  });
})();
"""


def text(value: object) -> str:
    """Return catalog or user text as HTML text or a quoted attribute: one line, markup escaped."""
    return xml(line(value))


def dated(value: object) -> str:
    """Return text as HTML text (see ``text``), keeping each YYYY-MM-DD on one line.

    Browsers break a line after a hyphen, so a narrow column would split ``2025-03-09`` in two.
    """
    return re.sub(r"\d{4}-\d{2}-\d{2}", lambda m: f'<span class="d">{m[0]}</span>', text(value))


def _digest(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() \
        + "'"


def csp() -> str:
    """Return the page's Content-Security-Policy: nothing loads; only its own style and script run."""
    return (f"default-src 'none'; style-src {_digest(CSS)}; script-src {_digest(SCRIPT)}; "
            "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'")


def data_block(value: Any) -> str:
    """Return a JSON data block the page's script reads (never executed; safe inside HTML)."""
    body = json_text(value, indent=None)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="certpath-data">{body}</script>'


def page(title: str, body: Iterable[str], *, generated: dt.date) -> str:
    """Return a whole HTML document around ``body`` (already escaped HTML)."""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{text(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        f'<footer><p>Made by certpath {text(__version__)} on {generated.isoformat()}. Dates, '
        "hours and fees are certpath's reading of the catalog; those marked estimate are "
        "estimates.</p></footer>",
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]) + "\n"


def facts(items: Iterable[tuple[str, object]]) -> str:
    """Return labelled values as a row of facts."""
    cells = "".join(f"<li><b>{text(k)}</b>{dated(v)}</li>" for k, v in items if v not in (None, ""))
    return f'<ul class="facts">{cells}</ul>'


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = (),
          nowrap: Sequence[int] = (), css: str = "") -> str:
    """Return a table (in a horizontally scrolling box); cells are escaped.

    On a phone each row is drawn as a block, every cell under its column's name (the CSS's
    ``table.rows``), so prose columns are not squeezed to a word a line.

    Columns in ``numeric`` align right; those in ``nowrap`` (dates, amounts) never break a line.
    """
    def cls(i: int) -> str:
        names = " ".join(n for n, on in (("num", i in numeric), ("nowrap", i in nowrap)) if on)
        return f' class="{names}"' if names else ""

    head = "".join(f"<th{cls(i)}>{text(c)}</th>" for i, c in enumerate(columns))
    labels = [text(c) for c in columns]
    body = "".join("<tr>" + "".join(f'<td{cls(i)} data-label="{labels[i]}">{dated(c)}</td>'
                                    for i, c in enumerate(row))
                   + "</tr>" for row in rows)
    klass = f' class="rows {css}"' if css else ' class="rows"'
    return f'<div class="scroll"><table{klass}><thead><tr>{head}</tr></thead>' \
           f"<tbody>{body}</tbody></table></div>"
