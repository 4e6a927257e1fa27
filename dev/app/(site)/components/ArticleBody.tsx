import type { SerializedAutoLinkNode, SerializedLinkNode } from '@payloadcms/richtext-lexical'
import type { JSXConverterArgs, JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'

import { RichText } from '@payloadcms/richtext-lexical/react'

import type { LatestVideo, LexicalState } from '../lib/types.js'

import { safeHttpUrl } from '../lib/format.js'
import { VideoPlayer } from './VideoPlayer.js'
import { VideoTranscript } from './VideoTranscript.js'

/** Links to http(s) addresses and to other articles; anything else (javascript:, data:) stays plain text. */
const safeLink = ({ node, nodesToJSX }: JSXConverterArgs<SerializedAutoLinkNode | SerializedLinkNode>) => {
  const children = nodesToJSX({ nodes: node.children })
  const { doc, linkType, newTab, url } = node.fields
  const target = doc?.relationTo === 'articles' ? doc.value : undefined
  const articleSlug = target && typeof target === 'object' ? (target as { slug?: string }).slug : undefined
  const href =
    linkType === 'internal' ? (articleSlug ? `/news/${encodeURIComponent(articleSlug)}` : null) : safeHttpUrl(url)
  if (!href) return <>{children}</>
  return (
    <a href={href} {...(newTab ? { rel: 'noopener noreferrer', target: '_blank' } : {})}>
      {children}
    </a>
  )
}

type VideoEmbedFields = { caption?: null | string; video?: LatestVideo | null | string }

const converters: JSXConvertersFunction = ({ defaultConverters }) => ({
  ...defaultConverters,
  autolink: safeLink,
  link: safeLink,
  blocks: {
    // The editor's marker where the free teaser ends: nothing to show.
    paywallBreak: () => null,
    videoEmbed: ({ node }: { node: { fields: VideoEmbedFields } }) => {
      const { caption, video } = node.fields
      if (!video || typeof video !== 'object') return null
      // The transcript follows the figure (a figcaption must be the figure's first or last child).
      return (
        <>
          <figure className="body-video">
            <VideoPlayer video={video} />
            {caption ? <figcaption>{caption}</figcaption> : null}
          </figure>
          <VideoTranscript video={video} />
        </>
      )
    },
  },
})

/** An article body (or its teaser) rendered from its Lexical state. */
export function ArticleBody({ className, data }: { className: string; data: LexicalState | null | undefined }) {
  if (!data) return null
  return (
    <div className={`article-body ${className}`}>
      <RichText converters={converters} data={data as never} disableContainer />
    </div>
  )
}
