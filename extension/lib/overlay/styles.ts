// The overlay's styles live inside its shadow root only; `:host { all: initial }` stops the page's inherited styles
// from reaching in, and nothing here can reach the page.
export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: fixed; top: 0; left: 0; right: 0; bottom: 0; overflow: hidden; pointer-events: none;
  font: 13px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2328; }
.box { position: absolute; border: 2px solid var(--sev); border-radius: 3px; pointer-events: none;
  background: color-mix(in srgb, var(--sev) 8%, transparent); }
.box.live { border-style: dashed; }
.box.flash { animation: flash 0.5s ease-in-out 4; }
@keyframes flash { 50% { background: color-mix(in srgb, var(--sev) 45%, transparent); } }
.badge { position: absolute; top: -10px; right: -10px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: var(--sev); color: #fff; font-weight: 700; font-size: 12px; line-height: 20px;
  text-align: center; pointer-events: auto; cursor: help; border: 0; }
.box.at-right .badge { right: 2px; }
.box.at-top .badge { top: 2px; }
.box.at-top .tip { top: 24px; }
.box.tip-up .tip { top: auto; bottom: calc(100% + 8px); }
.badge:focus { outline: 2px solid #0969da; outline-offset: 2px; }
.tip { display: none; position: absolute; top: 14px; right: 0; width: 340px; max-width: 80vw; padding: 8px 10px;
  background: #fff; border: 1px solid #d0d7de; border-radius: 6px; box-shadow: 0 8px 24px rgba(0,0,0,.2);
  pointer-events: auto; z-index: 1; white-space: normal; word-break: break-word; }
.badge:hover + .tip, .badge:focus + .tip, .tip:hover { display: block; }
.item + .item { margin-top: 8px; padding-top: 8px; border-top: 1px solid #eaeef2; }
.tag { display: inline-block; padding: 0 6px; margin-right: 4px; border-radius: 8px; font-size: 12px; color: #fff;
  background: var(--sev); }
.tag.origin { background: #57606a; }
.tag.origin.live { background: #8250df; }
.msg { margin: 4px 0; font-weight: 600; }
.ev { margin: 2px 0; color: #57606a; font-size: 12px; }
.fix { margin: 4px 0 0; font-size: 12px; }
.banner { position: fixed; top: 0; left: 0; right: 0; max-height: 40vh; overflow: auto; pointer-events: auto;
  background: #fff8c5; border-bottom: 2px solid #d4a72c; padding: 8px 40px 8px 12px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.banner h2 { margin: 0 0 4px; font-size: 14px; }
.banner ul { margin: 0; padding-left: 18px; }
.banner li { margin: 2px 0; }
.banner li > div { display: inline; margin-right: 6px; }
.banner .fix { display: block; margin: 0; color: #57606a; }
.banner { max-height: 30vh; }
.banner li.flash { animation: flash 0.5s ease-in-out 4; --sev: #d4a72c; }
.close { position: absolute; top: 6px; right: 8px; border: 0; background: transparent; font-size: 18px; cursor: pointer; }
.hidden { display: none; }
`;

export const SEVERITY_COLOR: Record<string, string> = {
  critical: '#cf222e',
  serious: '#e16f24',
  moderate: '#bf8700',
  minor: '#0969da',
};
