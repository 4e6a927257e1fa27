/**
 * articleJsonLd / videoJsonLd (issue #16 part 4): schema.org NewsArticle with isAccessibleForFree and the gated
 * section as hasPart (WebPageElement, cssSelector), VideoObject with embedUrl only when public. Pure functions.
 */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

import { articleJsonLd, GATED_SECTION_CLASS, isoDuration, videoJsonLd } from '../src/exports/utilities.js'

const base = {
  author: 'Ann Reporter',
  excerpt: 'The short version.',
  id: 'a1',
  publishedAt: '2026-01-02T03:04:05.000Z',
  slug: 'big-story',
  title: 'Big story',
  updatedAt: '2026-01-03T00:00:00.000Z',
}
const opts = { publisherName: 'The Daily', siteUrl: 'https://news.example.com' }

describe('articleJsonLd', () => {
  it('a public article: free, no gated part', () => {
    const ld = articleJsonLd({ ...base, visibility: 'public' }, opts)
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      author: { '@type': 'Person', name: 'Ann Reporter' },
      dateModified: base.updatedAt,
      datePublished: base.publishedAt,
      description: base.excerpt,
      headline: 'Big story',
      isAccessibleForFree: true,
      mainEntityOfPage: 'https://news.example.com/news/big-story',
      publisher: { '@type': 'Organization', name: 'The Daily' },
      url: 'https://news.example.com/news/big-story',
    })
  })

  it.each(['members', 'paid', 'tiers'])('a %s article: not free, hasPart names the gated section', (visibility) => {
    const ld = articleJsonLd({ ...base, visibility }, opts) as unknown as Record<string, unknown>
    expect(ld.isAccessibleForFree).toBe(false)
    expect(ld.hasPart).toEqual({
      '@type': 'WebPageElement',
      cssSelector: `.${GATED_SECTION_CLASS}`,
      isAccessibleForFree: false,
    })
  })

  it('premium: true alone is paid; unknown visibility is gated; a custom selector and path are used', () => {
    expect(articleJsonLd({ ...base, premium: true }).isAccessibleForFree).toBe(false)
    expect(articleJsonLd({ ...base }).isAccessibleForFree).toBe(false)
    const ld = articleJsonLd(
      { ...base, premium: true },
      { articlePath: '/a/{slug}', gatedSelector: '#rest', siteUrl: 'https://x.test/' },
    ) as Record<string, any>
    expect(ld.hasPart.cssSelector).toBe('#rest')
    expect(ld.url).toBe('https://x.test/a/big-story')
  })

  it('a path naming the slug twice has both filled in', () => {
    const ld = articleJsonLd(
      { ...base, visibility: 'public' },
      { articlePath: '/{slug}/amp/{slug}', siteUrl: 'https://x.test' },
    )
    expect(ld.url).toBe('https://x.test/big-story/amp/big-story')
  })

  it('related videos become VideoObjects; ids alone are left out', () => {
    const ld = articleJsonLd(
      {
        ...base,
        relatedVideos: [
          'v-id-only',
          { duration: 95, embedUrl: 'https://www.youtube-nocookie.com/embed/abc', title: 'Free', visibility: 'public' },
          { embedUrl: null, title: 'Gated', visibility: 'paid' },
        ],
        visibility: 'public',
      },
      opts,
    ) as Record<string, any>
    expect(ld.video).toHaveLength(2)
    expect(ld.video[0]).toMatchObject({ '@type': 'VideoObject', duration: 'PT1M35S', embedUrl: expect.any(String) })
    expect(ld.video[1].embedUrl).toBeUndefined()
  })

  it('property: gated ⇔ hasPart present ⇔ not accessible for free; never the body', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('public', 'members', 'paid', 'tiers', 'odd'), { nil: undefined }),
        fc.option(fc.boolean(), { nil: undefined }),
        (visibility, premium) => {
          const ld = articleJsonLd({
            ...base,
            content: { secret: 'body' },
            premium,
            visibility,
          } as never) as unknown as Record<string, unknown>
          const gated = ld.isAccessibleForFree === false
          return gated === 'hasPart' in ld && !JSON.stringify(ld).includes('secret')
        },
      ),
    )
  })
})

describe('videoJsonLd', () => {
  it('public: embedUrl, thumbnail, upload date, duration', () => {
    expect(
      videoJsonLd({
        description: 'D',
        duration: 3723,
        embedUrl: 'https://player.vimeo.com/video/1',
        publishedAt: '2026-01-01T00:00:00.000Z',
        thumbnailUrl: 'https://i.vimeocdn.com/1.jpg',
        title: 'V',
        visibility: 'public',
      }),
    ).toEqual({
      '@type': 'VideoObject',
      description: 'D',
      duration: 'PT1H2M3S',
      embedUrl: 'https://player.vimeo.com/video/1',
      isAccessibleForFree: true,
      name: 'V',
      thumbnailUrl: 'https://i.vimeocdn.com/1.jpg',
      uploadDate: '2026-01-01T00:00:00.000Z',
    })
  })
  it('gated (even if a URL was passed): no embedUrl', () => {
    const ld = videoJsonLd({ embedUrl: 'https://www.youtube.com/embed/x', premium: true, title: 'V' })
    expect(ld).not.toHaveProperty('embedUrl')
    expect(ld).toMatchObject({ isAccessibleForFree: false })
  })
  it.each([
    [0, undefined],
    [-3, undefined],
    [59, 'PT59S'],
    [60, 'PT1M'],
    [3600, 'PT1H'],
  ])('isoDuration(%s) = %s', (s, d) => expect(isoDuration(s)).toBe(d))
})
