import { createHash } from "node:crypto";
import { REPORT_FROM_SECONDS } from "@/lib/plays/classify";

/**
 * The one script every widget loads: the embedding site's host for buy links and plays, the
 * player (release and track widgets), and the height report the loader listens for. Plain ES2017
 * with no dependencies, so it stays a few KB and runs the same everywhere. Served by
 * app/embed/player.js with a content hash in the URL, cached for a year.
 *
 * The page passes its data in <script type="application/json" id="mt-data">:
 * { tracks?: [{ id, title, src, clip, duration, report }], labels?: { play, pause, position, nowPlaying } }.
 * A listen is reported as it crosses each of its track's `report` seconds, then once more when it
 * ends if a second or more was heard since; every report carries the listen's random id, so the
 * server upgrades one play (components/player/use-play-reporter.ts does the same on the shop).
 */
export const PLAYER_SCRIPT = String.raw`(function(){
"use strict";
var d=document,w=window,root=d.getElementById("w");
var data={};try{data=JSON.parse(d.getElementById("mt-data").textContent)||{}}catch(e){}
function bare(u){try{return new URL(u).hostname.toLowerCase().replace(/^www\./,"")}catch(e){return""}}
var host="";try{var ao=location.ancestorOrigins;host=bare(ao&&ao.length?ao[0]:d.referrer)}catch(e){}
if(host&&!/^[a-z0-9.-]{1,253}$/.test(host))host="";
if(host){
  d.querySelectorAll("a[data-buy]").forEach(function(a){var u=new URL(a.href);u.searchParams.set("host",host);a.href=u.href});
  d.querySelectorAll("input[name=host]").forEach(function(i){i.value=host});
}
function naturalHeight(){
  if(!root)return d.documentElement.scrollHeight;
  var fill=root.querySelector(".fill"),h=root.getBoundingClientRect().height;
  if(fill&&fill.firstElementChild)h+=fill.firstElementChild.getBoundingClientRect().height-fill.clientHeight;
  return Math.ceil(h);
}
var lastH=0;
function report(){var h=naturalHeight();if(h!==lastH&&w.parent!==w){lastH=h;w.parent.postMessage({type:"merchtable:height",height:h},"*")}}
if(w.ResizeObserver&&root){new ResizeObserver(report).observe(root);var f=root.querySelector(".fill");if(f&&f.firstElementChild)new ResizeObserver(report).observe(f.firstElementChild)}
w.addEventListener("load",report);report();

var tracks=data.tracks||[],L=data.labels||{},audio=d.querySelector("audio[data-audio]");
if(!audio||!tracks.length)return;
var pp=d.querySelector("[data-play]"),seek=d.querySelector("[data-seek]"),tm=d.querySelector("[data-time]"),now=d.querySelector("[data-now]"),say=d.querySelector("[data-announce]");
var rows=d.querySelectorAll("[data-track]"),cur=-1,session=null,last=null,timer=0;
function fill(s,t){return String(s||"").replace("{title}",t)}
function fmt(s){s=Math.max(0,Math.floor(s||0));return Math.floor(s/60)+":"+("0"+s%60).slice(-2)}
function len(t){var x=t.duration||audio.duration||0;return t.clip?Math.min(t.clip,x||t.clip):x}
function send(s){s.rep=s.seconds;var body=JSON.stringify({trackId:s.id,seconds:Math.ceil(s.seconds*100)/100,source:"embed",host:host||undefined,listenId:s.lid});
  if(!(navigator.sendBeacon&&navigator.sendBeacon("/api/plays",body)))fetch("/api/plays",{method:"POST",body:body,keepalive:true,credentials:"omit"}).catch(function(){})}
function flush(){clearTimeout(timer);var s=session;session=null;last=null;
  if(s&&s.seconds>=${REPORT_FROM_SECONDS}&&(s.rep===null||s.seconds-s.rep>=1))send(s)}
function progressed(at){if(!session||last===null)return;var step=at-last,c=false;if(step>0&&step<2)session.seconds+=step;last=at;
  while(session.pts.length&&session.seconds>=session.pts[0]){session.pts.shift();c=true}if(c)send(session)}
function lid(){var b=new Uint8Array(16),s="";crypto.getRandomValues(b);for(var i=0;i<16;i++)s+=("0"+b[i].toString(16)).slice(-2);return s}
function paint(){var t=tracks[cur],playing=!audio.paused;
  pp.setAttribute("aria-label",fill(playing?L.pause:L.play,t.title));pp.innerHTML=playing?'<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg>':'<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4l13 8-13 8z"/></svg>';
  if(now)now.textContent=t.title;if(seek){seek.max=String(Math.round(len(t))||1);seek.setAttribute("aria-label",fill(L.position,t.title))}
  rows.forEach(function(r){r.setAttribute("aria-current",String(Number(r.getAttribute("data-track"))===cur))})}
function tick(){var t=tracks[cur],at=audio.currentTime;if(seek&&d.activeElement!==seek)seek.value=String(at);
  if(tm)tm.textContent=fmt(at)+" / "+fmt(len(t));seek&&seek.setAttribute("aria-valuetext",fmt(at)+" / "+fmt(len(t)))}
function select(i,play){if(i!==cur){flush();cur=i;audio.src=tracks[i].src;if(seek)seek.value="0"}
  paint();tick();if(play){audio.play().catch(function(){});if(say)say.textContent=fill(L.nowPlaying,tracks[i].title)}}
function next(){for(var i=cur+1;i<tracks.length;i++)if(tracks[i].src)return select(i,true);flush();audio.pause();paint()}
cur=tracks.findIndex(function(t){return t.src});if(cur<0){cur=0;return}
paint();tick();
pp.addEventListener("click",function(){if(!audio.getAttribute("src"))audio.src=tracks[cur].src;if(audio.paused){audio.play().catch(function(){});if(say)say.textContent=fill(L.nowPlaying,tracks[cur].title)}else audio.pause()});
rows.forEach(function(r){r.addEventListener("click",function(){var i=Number(r.getAttribute("data-track"));if(i===cur&&!audio.paused)audio.pause();else select(i,true)})});
if(seek)seek.addEventListener("input",function(){if(!audio.getAttribute("src"))audio.src=tracks[cur].src;last=null;audio.currentTime=Number(seek.value);tick()});
audio.addEventListener("play",function(){clearTimeout(timer);var t=tracks[cur];if(!session||session.id!==t.id){flush();session={id:t.id,lid:lid(),seconds:0,pts:(t.report||[]).slice(),rep:null}}last=audio.currentTime;paint()});
audio.addEventListener("pause",function(){progressed(audio.currentTime);last=null;clearTimeout(timer);timer=setTimeout(flush,20000);paint()});
audio.addEventListener("seeking",function(){last=null});
audio.addEventListener("seeked",function(){if(!audio.paused)last=audio.currentTime});
audio.addEventListener("timeupdate",function(){var t=tracks[cur];progressed(audio.currentTime);if(t.clip&&audio.currentTime>=t.clip){audio.pause();flush();return next()}tick()});
audio.addEventListener("loadedmetadata",function(){paint();tick()});
audio.addEventListener("ended",next);
w.addEventListener("pagehide",flush);
})();`;

export const PLAYER_SCRIPT_VERSION = createHash("sha256").update(PLAYER_SCRIPT).digest("hex").slice(0, 12);
export const PLAYER_SCRIPT_PATH = `/embed/player.js?v=${PLAYER_SCRIPT_VERSION}`;
