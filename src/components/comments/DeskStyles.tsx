import React from 'react'

/** The moderation desk's CSS (row context, actions, the current row, the shortcuts popover), from Payload's theme. */
const css = `
.newsroom-desk__context{display:flex;flex-direction:column;gap:2px;font-size:12px;line-height:17px;min-width:220px;max-width:340px;white-space:normal}
.newsroom-desk__who{display:flex;align-items:center;gap:6px;font-size:13px;font-weight:600}
.newsroom-desk__email,.newsroom-desk__website,.newsroom-desk__reader-link{color:var(--theme-elevation-650);word-break:break-all}
.newsroom-desk__history{color:var(--theme-elevation-500)}
.newsroom-desk__parent{color:var(--theme-elevation-650)}
.newsroom-desk__actions{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.newsroom-desk__reply{display:flex;flex-direction:column;gap:4px;margin-top:4px}
.newsroom-desk__reply textarea{font:inherit;font-size:13px;min-height:64px;padding:6px;border:1px solid var(--theme-elevation-250);border-radius:var(--style-radius-s,3px);background:var(--theme-input-bg,var(--theme-elevation-0));color:var(--theme-elevation-1000)}
tr.newsroom-desk--current>td{background:var(--theme-elevation-50);box-shadow:inset 0 1px 0 var(--theme-success-400),inset 0 -1px 0 var(--theme-success-400)}
tr.newsroom-desk--current>td:first-child{box-shadow:inset 3px 0 0 var(--theme-success-500),inset 0 1px 0 var(--theme-success-400),inset 0 -1px 0 var(--theme-success-400)}
.newsroom-desk__keys{position:relative;display:inline-block;margin:0 0 calc(var(--base,20px)*.5)}
.newsroom-desk__keys-popover{position:absolute;z-index:20;top:100%;left:0;margin-top:4px;min-width:280px;padding:10px 14px;border:1px solid var(--theme-elevation-200);border-radius:var(--style-radius-m,4px);background:var(--theme-elevation-0);box-shadow:0 4px 16px rgba(0,0,0,.15);font-size:13px}
.newsroom-desk__keys-popover dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
.newsroom-desk__keys-popover kbd{display:inline-block;min-width:20px;padding:0 5px;border:1px solid var(--theme-elevation-250);border-bottom-width:2px;border-radius:3px;text-align:center;font-family:inherit}
`

export const DeskStyles: React.FC = () => (
  <style href="payload-plugin-newsroom-desk" precedence="default">
    {css}
  </style>
)
