import React from 'react'

/**
 * The plugin's admin CSS, built from Payload's theme variables so it follows light/dark mode.
 * Shipped as a React 19 hoisted <style> (deduplicated by `href`), so hosts need no CSS import.
 */
const css = `
.newsroom-badge{display:inline-flex;align-items:center;gap:4px;padding:1px 8px;border-radius:var(--style-radius-l,12px);font-size:12px;line-height:18px;font-weight:500;white-space:nowrap;border:1px solid transparent}
.newsroom-badge--pending{background:var(--theme-warning-100);color:var(--theme-warning-800);border-color:var(--theme-warning-250)}
.newsroom-badge--approved{background:var(--theme-success-100);color:var(--theme-success-800);border-color:var(--theme-success-250)}
.newsroom-badge--spam{background:var(--theme-error-100);color:var(--theme-error-800);border-color:var(--theme-error-250)}
.newsroom-badge--trash{background:var(--theme-elevation-100);color:var(--theme-elevation-650);border-color:var(--theme-elevation-200)}
.newsroom-badge--premium{background:var(--theme-warning-150);color:var(--theme-warning-900);border-color:var(--theme-warning-300)}
.newsroom-badge--members{background:var(--theme-success-100);color:var(--theme-success-800);border-color:var(--theme-success-250)}
.newsroom-badge--free{background:transparent;color:var(--theme-elevation-500);border-color:var(--theme-elevation-150)}
.newsroom-count{display:inline-flex;min-width:20px;height:20px;padding:0 6px;align-items:center;justify-content:center;border-radius:10px;font-size:12px;font-weight:600;background:var(--theme-warning-500);color:var(--theme-elevation-0)}
.newsroom-count--zero{background:var(--theme-elevation-150);color:var(--theme-elevation-600)}
.newsroom-status-cell{display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.newsroom-actions{display:inline-flex;flex-wrap:wrap;gap:4px}
.newsroom-action{cursor:pointer;font:inherit;font-size:12px;line-height:18px;padding:1px 8px;border-radius:var(--style-radius-s,3px);border:1px solid var(--theme-elevation-200);background:var(--theme-elevation-0);color:var(--theme-elevation-800)}
.newsroom-action:hover:not(:disabled){background:var(--theme-elevation-100)}
.newsroom-action:disabled{cursor:progress;opacity:.6}
.newsroom-action--approved{border-color:var(--theme-success-400);color:var(--theme-success-750)}
.newsroom-action--spam{border-color:var(--theme-error-300);color:var(--theme-error-750)}
.newsroom-excerpt{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;max-width:42ch;white-space:normal}
.newsroom-tabs{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0 0 calc(var(--base,20px)*.75);padding:0;list-style:none;font-size:13px}
.newsroom-tabs a,.newsroom-tabs span{color:var(--theme-elevation-650);text-decoration:none}
.newsroom-tabs a:hover{color:var(--theme-elevation-1000);text-decoration:underline}
.newsroom-tabs [aria-current="page"]{color:var(--theme-elevation-1000);font-weight:600}
.newsroom-tabs__count{color:var(--theme-elevation-500);font-weight:400}
.newsroom-bulk{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:0 0 calc(var(--base,20px)*.75);padding:8px 12px;border:1px solid var(--theme-elevation-150);border-radius:var(--style-radius-m,4px);background:var(--theme-elevation-50)}
.newsroom-nav-link{display:flex;align-items:center;justify-content:space-between;gap:8px}
.newsroom-widget{display:flex;flex-direction:column;gap:12px;height:100%;padding:calc(var(--base,20px)*.8);border:1px solid var(--theme-elevation-150);border-radius:var(--style-radius-m,4px);background:var(--theme-elevation-0)}
.newsroom-widget__head{display:flex;align-items:center;justify-content:space-between;gap:12px}
.newsroom-widget__title{margin:0;font-size:16px}
.newsroom-widget__count{font-size:32px;line-height:1;font-weight:600}
.newsroom-widget__list{margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:8px}
.newsroom-widget__item{display:flex;flex-direction:column;gap:2px;font-size:13px}
.newsroom-widget__meta{color:var(--theme-elevation-500);font-size:12px}
.newsroom-preview{margin:calc(var(--base,20px)*.5) 0 var(--base,20px);border:1px solid var(--theme-elevation-150);border-radius:var(--style-radius-m,4px);overflow:hidden}
.newsroom-preview__head{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 12px;background:var(--theme-elevation-50);border-bottom:1px solid var(--theme-elevation-150);font-weight:600}
.newsroom-preview__body{padding:12px 16px}
.newsroom-preview__body p{margin:0 0 .75em}
.newsroom-preview__hint{color:var(--theme-elevation-500);font-size:12px;margin:0}
.newsroom-preview__fade{position:relative;max-height:340px;overflow:hidden}
.newsroom-preview__fade--overflowing::after{content:"";position:absolute;left:0;right:0;bottom:0;height:48px;background:linear-gradient(transparent,var(--theme-elevation-0))}
.newsroom-preview__notice{margin-top:12px;padding:12px;border-radius:var(--style-radius-s,3px);background:var(--theme-warning-100);color:var(--theme-warning-900);border:1px solid var(--theme-warning-250)}
.newsroom-preview__notice a{font-weight:600;color:inherit}
.newsroom-video-preview__meta{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0 0 12px;font-size:13px}
.newsroom-video-preview__meta dt{color:var(--theme-elevation-500)}
.newsroom-video-preview__meta dd{margin:0;word-break:break-all}
.newsroom-video-preview__frame{position:relative;width:100%;max-width:560px;aspect-ratio:16/9;background:var(--theme-elevation-100);border-radius:var(--style-radius-s,3px);overflow:hidden}
.newsroom-video-preview__frame iframe,.newsroom-video-preview__frame video,.newsroom-video-preview__frame img{position:absolute;inset:0;width:100%;height:100%;border:0;object-fit:cover}
.newsroom-video-preview__error{color:var(--theme-error-750)}
.newsroom-poster{display:block;width:96px;aspect-ratio:16/9;object-fit:cover;border-radius:var(--style-radius-s,3px);background:var(--theme-elevation-100)}
.newsroom-poster--empty{display:flex;align-items:center;justify-content:center;font-size:11px;color:var(--theme-elevation-500)}
.newsroom-paywall-break-row{display:flex;align-items:center;gap:8px;margin:8px 0}
.newsroom-paywall-break{flex:1;display:flex;align-items:center;gap:12px;color:var(--theme-warning-800);font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.newsroom-paywall-break::before,.newsroom-paywall-break::after{content:"";flex:1;border-top:2px dashed var(--theme-warning-400)}
`

export const NewsroomStyles: React.FC = () => (
  <style href="payload-plugin-newsroom-admin" precedence="default">
    {css}
  </style>
)
