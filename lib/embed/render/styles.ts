import { PLAYER_BOX } from "@/lib/embed/sizes";

/**
 * Every widget's CSS, inlined (one request fewer, and no flash of unstyled player). System
 * fonts only: a web font would be a third-party or an extra request on every host page.
 */
export const BASE_CSS = `*{box-sizing:border-box;margin:0;padding:0}
html,body,main{height:100%}
main{display:block}
body{background:var(--bg);color:var(--fg);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow:hidden}
a{color:inherit}
button,select,input{font:inherit;color:inherit}
.w{display:flex;flex-direction:column;height:100%;border:1px solid var(--ln);border-radius:8px;overflow:hidden;background:var(--bg)}
.hd{display:flex;gap:14px;padding:12px;align-items:flex-start;min-width:0;flex:none}
.pl.large .hd,.pl.compact .hd{height:${PLAYER_BOX.headerShort}px}.pl.large.tall .hd{height:${PLAYER_BOX.headerTall}px}
.art{flex:none;border-radius:4px;object-fit:cover;background:var(--ln)}
.art.l{width:160px;height:160px}.art.s{width:72px;height:72px}
.meta{flex:1;min-width:0;display:flex;flex-direction:column;gap:6px}
.by{color:var(--mu);font-size:13px;line-height:18px}
.fl{color:inherit;text-decoration:underline;text-underline-offset:2px}
.t{font-size:18px;font-weight:650;line-height:22px}
.t,.by,.one{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ctl{display:flex;align-items:center;gap:10px;min-width:0}
.pp{flex:none;width:44px;height:44px;border-radius:50%;border:0;background:var(--ac);color:var(--on);cursor:pointer;display:grid;place-items:center}
.pp svg{width:18px;height:18px;fill:currentColor}
.sk{flex:none;width:32px;height:32px;border-radius:50%;border:0;background:none;cursor:pointer;display:grid;place-items:center}
.sk svg{width:16px;height:16px;fill:currentColor}.sk:hover{background:var(--hv)}.sk:disabled{opacity:.4;cursor:default}
.np{flex:1;min-width:0;display:flex;flex-direction:column;gap:2px}
.row{display:flex;align-items:center;gap:8px;font-size:12px;color:var(--mu)}
input[type=range]{flex:1;min-width:0;accent-color:var(--at);height:16px}
.tm{font-variant-numeric:tabular-nums;flex:none}
.buy{display:inline-flex;align-items:center;gap:6px;align-self:flex-start;padding:7px 12px;line-height:20px;border-radius:6px;background:var(--ac);color:var(--on);text-decoration:none;font-weight:600;border:0;cursor:pointer;white-space:nowrap}
.buy.ghost{background:transparent;color:var(--fg);border:1px solid var(--ln)}
.acts{display:flex;align-items:center;gap:8px;min-width:0}.acts .ghost{padding-top:6px;padding-bottom:6px}
.buy[aria-disabled=true]{background:var(--ln);color:var(--mu);cursor:default}
.pr{font-variant-numeric:tabular-nums}
.ap{margin-left:.4em;color:var(--mu);font-size:.85em;font-weight:400;white-space:nowrap}
.fill{flex:1;min-height:0;overflow:auto;border-top:1px solid var(--ln)}
.tl{list-style:none}
.tl li{border-bottom:1px solid var(--ln)}
.tl button,.tl .off{display:flex;width:100%;gap:10px;padding:7px 12px;line-height:20px;background:none;border:0;text-align:left;align-items:baseline}
.tl button{cursor:pointer}.tl button:hover{background:var(--hv)}
.tl [aria-current=true]{font-weight:650;color:var(--at)}
.tl .n,.tl .d{color:var(--mu);font-variant-numeric:tabular-nums;flex:none}
.tl .n{width:1.6em;text-align:right}.tl .d{margin-left:auto}
.tl .x{color:var(--mu);font-size:12px;flex:none}
.off{color:var(--mu)}
.ft{display:flex;justify-content:space-between;gap:8px;padding:6px 12px;font-size:12px;color:var(--mu);border-top:1px solid var(--ln)}
.ft a{text-decoration:none}.ft a:hover{text-decoration:underline}
:focus-visible{outline:2px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 2px var(--bg)}
.tl :focus-visible{outline-offset:-2px;box-shadow:inset 0 0 0 4px var(--bg)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.na{display:flex;flex-direction:column;justify-content:center;gap:4px;height:100%;padding:12px 16px;border:1px dashed var(--ln);border-radius:8px;color:var(--mu)}
.na strong{color:var(--fg)}
.slim .hd{padding:10px;gap:10px;align-items:center;height:100%}
.slim .art{width:96px;height:96px}
.slim .t{font-size:15px}
.slim .meta{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:2px 10px;align-items:center}
.slim .by{grid-column:1;grid-row:1}.slim .t{grid-column:1;grid-row:2}.slim .ctl{grid-column:1/3;grid-row:3}
.slim .meta>.buy,.slim .meta>form{grid-column:2;grid-row:1/3;align-self:center}
.slim .pp{width:40px;height:40px}
@media (max-width:420px){.art.l{width:96px;height:96px}.hd{gap:10px}}
.compact .art.l{width:120px;height:120px}
.bw{display:flex;align-items:center;justify-content:space-between;gap:12px;height:100%;padding:0 12px;border:1px solid var(--ln);border-radius:8px}
.bw .t{font-size:15px}
.bw form{display:flex;gap:6px;align-items:center}
.bw .buy{align-self:center;flex:none}
select{max-width:9em;padding:5px;border:1px solid var(--ln);border-radius:6px;background:var(--bg)}
.grid{list-style:none;display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:16px;padding:12px}
.grid img,.grid .ph{width:100%;height:auto;aspect-ratio:1;object-fit:cover;border-radius:4px;background:var(--ln);display:block}
.grid .t{font-size:14px;margin-top:6px}
.grid .buy{margin-top:6px}
table{width:100%;border-collapse:collapse}
th{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--mu);text-align:left;font-weight:600;padding:6px 12px;border-bottom:1px solid var(--ln);position:sticky;top:0;background:var(--bg)}
td{padding:8px 12px;border-bottom:1px solid var(--ln);vertical-align:middle}
td.th{width:48px;padding-right:0}td.th img{width:40px;height:40px;border-radius:3px;object-fit:cover;display:block}
td.nm{max-width:0;width:100%}
th.num,td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.act{text-align:right;white-space:nowrap}
td.act .buy{align-self:auto}
td form{display:inline-flex;gap:6px;align-items:center}
.k{color:var(--mu);font-size:12px}`;
