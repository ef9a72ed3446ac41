/**
 * The explorer as one HTML file: the data as inline JSON, the page's bundle (sigma.js and
 * graphology) inline, a Content-Security-Policy that lets it load nothing at all. It opens
 * from disk, offline. Pure.
 *
 * What manifests say reaches the page only as JSON text in a non-executed script element, with
 * every `<` written `\u003c` (so no `</script>` or `<!--` can end or bend it), and is shown with
 * textContent only.
 */
import { safeJson } from '../../util/control-chars.js';
import type { ExplorerData } from './types.js';

/**
 * JSON for an inline script element: `<`, `>`, `&` escaped, and (safeJson) every character a
 * terminal or a CI log would act on, should someone print the file.
 */
export function scriptJson(value: unknown): string {
  return safeJson(JSON.stringify(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for HTML: markup escaped, and control and bidi characters as references (raw, a terminal acts on them). */
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `&#x${c.charCodeAt(0).toString(16)};`,
    );

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;background:#fff}
#graph,#overlay{position:absolute;inset:0}
#overlay{pointer-events:none;width:100%;height:100%;z-index:2}
#bar{position:absolute;z-index:5;top:8px;left:8px;width:300px;max-height:calc(100% - 80px);overflow:auto;background:#ffffffee;border:1px solid #cbd5e1;border-radius:6px;padding:8px}
#bar h1{font-size:14px;margin:0 0 6px}
#q{width:100%;padding:5px 6px;border:1px solid #94a3b8;border-radius:4px;font:inherit}
#hits{list-style:none;margin:4px 0;padding:0}
#hits li{padding:2px 4px;cursor:pointer;border-radius:3px;overflow-wrap:anywhere}
#hits li[aria-selected=true]{background:#dbeafe}
fieldset{border:0;margin:6px 0 0;padding:0}
select{max-width:100%;font:inherit;margin:2px 0}
label{margin-right:8px;white-space:nowrap}
#details{position:absolute;z-index:5;top:8px;right:8px;width:360px;max-height:calc(100% - 80px);overflow:auto;background:#ffffffee;border:1px solid #cbd5e1;border-radius:6px;padding:8px 10px}
#details h2{font-size:15px;margin:0 0 6px;overflow-wrap:anywhere}
#details h3{font-size:13px;margin:10px 0 2px}
#details dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;margin:0}
#details dt{color:#475569}#details dd{margin:0;overflow-wrap:anywhere}
#details ul{margin:0;padding-left:16px}
button.link{background:none;border:0;padding:0;color:#1d4ed8;cursor:pointer;font:inherit;text-align:left}
.muted{color:#64748b}.warn{color:#b91c1c}
#time{position:absolute;z-index:5;left:8px;right:8px;bottom:30px;background:#ffffffee;border:1px solid #cbd5e1;border-radius:6px;padding:6px 8px}
#time input[type=range]{width:100%}
.legend{font-size:12px;color:#475569;margin:6px 0 0}
#status{position:absolute;z-index:5;left:8px;bottom:6px;color:#334155}
#notice{position:absolute;z-index:6;top:50%;left:50%;transform:translate(-50%,-50%);max-width:480px;background:#fef3c7;border:1px solid #d97706;padding:10px;border-radius:6px}
`;

export function explorerHtml(data: ExplorerData, bundle: string): string {
  const title = html(data.title);
  // The bundle is depmap's own code: only its text could end the script element early.
  const script = bundle.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">
<meta name="generator" content="${html(data.generator)}">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<div id="graph"></div>
<canvas id="overlay"></canvas>
<div id="bar">
<h1>${title}</h1>
<input id="q" type="search" placeholder="Search names, purls, owners, systems ( / )" autocomplete="off" aria-label="search" aria-controls="hits">
<ul id="hits" role="listbox"></ul>
<fieldset><legend class="muted">Filters</legend>
<select id="f-system" aria-label="system"></select>
<select id="f-kind" aria-label="kind"></select>
<select id="f-owner" aria-label="owner"></select>
<select id="f-pin" aria-label="pins"><option value="all">pinned and unpinned</option><option value="unpinned">unpinned only</option><option value="pinned">pinned only</option></select><br>
<label><input id="f-declared" type="checkbox" checked> declared</label><label><input id="f-discovered" type="checkbox" checked> discovered</label><label id="f-observed-label"><input id="f-observed" type="checkbox" checked> observed</label><br>
<label><input id="f-libraries" type="checkbox"> libraries at every zoom</label>
</fieldset>
<p class="legend"><span style="color:#2563eb">●</span> components, a colour per system · <span style="color:#94a3b8">●</span> infrastructure · <span style="color:#334155">●</span> third party · <span style="color:#a78bfa">●</span> libraries · <span style="color:#dc2626">●</span> unresolved, unpinned · <span style="color:#0d9488">●</span> observed only</p>
<fieldset><legend class="muted">Focus</legend>
<label>depth <select id="depth"><option>1</option><option>2</option><option>3</option></select></label>
<button id="clear" type="button">clear focus</button>
</fieldset>
</div>
<aside id="details" hidden></aside>
<div id="time" hidden>
<input id="t" type="range" aria-label="date">
<label><input id="compare" type="checkbox"> compare with</label>
<input id="t0" type="range" aria-label="compare with date" hidden>
<div id="t-caption"></div>
<div id="t-legend" class="legend" hidden><span style="color:#16a34a">━</span> added · <span style="color:#dc2626">━</span> removed · <span style="color:#d97706">━</span> changed (version or pin)</div>
</div>
<div id="status"></div>
<div id="notice" hidden></div>
<script type="application/json" id="depmap-data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
