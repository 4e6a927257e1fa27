const pkgs = ['lexical', ...['utils','selection','html','list','link','table','rich-text','headless','markdown','clipboard','history','text','mark','overflow','plain-text','code-core','hashtag','dragon','extension','a11y','yjs','devtools-core','internal'].map(p => '@lexical/' + p)]
for (const p of pkgs) { try { await import(p) } catch (e) { } }
const m = await import('@payloadcms/richtext-lexical')
console.log(Object.keys(m).length)
