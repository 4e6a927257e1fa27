/** The article editor's insert-menu labels, merged into `plugin-newsroom`. */
export const editorEn = { insertPaywallBreak: 'Paywall break', insertVideo: 'Video' }
export const editorDe: typeof editorEn = { insertPaywallBreak: 'Paywall-Umbruch', insertVideo: 'Video' }
