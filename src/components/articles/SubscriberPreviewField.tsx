'use client'
import type { JSXConvertersFunction } from '@payloadcms/richtext-lexical/react'

import { RichText } from '@payloadcms/richtext-lexical/react'
import { useFormFields } from '@payloadcms/ui'
import React, { useEffect, useMemo, useRef, useState } from 'react'

import { VIDEO_EMBED_BLOCK } from '../../lexical/videoEmbedBlock.js'
import { cutTeaser, PAYWALL_BREAK_BLOCK } from '../../utilities/extractTeaser.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

export type SubscriberPreviewFieldProps = {
  /** Name of the article body field (Lexical). */
  contentField?: string
  /** Name of the premium checkbox. */
  premiumField?: string
  /** Where non-subscribers are sent to subscribe. */
  subscribeUrl?: string
  /** Top-level blocks shown when the editor placed no paywall break (`premium.teaser.blocks`). */
  teaserBlocks: number
}

/**
 * In the article editor: what a reader without a subscription sees — the teaser (the text before the
 * paywall break, or the first blocks) and the subscribe notice — computed live from the unsaved form,
 * with the same `cutTeaser` the API uses (so a short body shows the same shortened teaser).
 */
export const SubscriberPreviewField: React.FC<SubscriberPreviewFieldProps> = ({
  contentField = 'content',
  premiumField = 'premium',
  subscribeUrl,
  teaserBlocks,
}) => {
  const { t } = useNewsroomTranslation()
  const content = useFormFields(([fields]) => fields[contentField]?.value)
  const premiumTicked = useFormFields(([fields]) => fields[premiumField]?.value) === true
  const visibility = useFormFields(([fields]) => fields.visibility?.value) as string | undefined
  // Gated as the gate reads it: a visibility other than public, or the premium box (which means paid).
  const premium = premiumTicked || (typeof visibility === 'string' && visibility !== 'public')
  const audience =
    visibility === 'members'
      ? t('plugin-newsroom:previewAudienceMembers')
      : visibility === 'tiers'
        ? t('plugin-newsroom:previewAudienceTiers')
        : premium
          ? t('plugin-newsroom:previewAudiencePaid')
          : null
  // The fade says "the text goes on": only for a teaser taller than the box, never over a short one.
  const teaserBox = useRef<HTMLDivElement>(null)
  const [overflowing, setOverflowing] = useState(false)
  useEffect(() => {
    const box = teaserBox.current
    if (!box) return
    const measure = () => setOverflowing(box.scrollHeight > box.clientHeight + 1)
    measure()
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null
    observer?.observe(box)
    if (box.firstElementChild) observer?.observe(box.firstElementChild)
    return () => observer?.disconnect()
  })
  const cut = premium ? cutTeaser(content, { blocks: teaserBlocks }) : null
  const teaser = cut?.teaser ?? null
  const teaserIsEmpty = !teaser || teaser.root.children.length === 0
  // The paywall marker itself is not shown; an embedded video appears as a placeholder line.
  const converters = useMemo<JSXConvertersFunction>(
    () =>
      ({ defaultConverters }) => ({
        ...defaultConverters,
        blocks: {
          [PAYWALL_BREAK_BLOCK]: () => null,
          [VIDEO_EMBED_BLOCK]: ({ node }: { node: { fields: { caption?: null | string } } }) => (
            <p>
              <em>▶ {node.fields.caption || t('plugin-newsroom:videoPlaceholder')}</em>
            </p>
          ),
        },
      }),
    [t],
  )

  return (
    <section
      aria-label={t('plugin-newsroom:subscriberPreview')}
      className="newsroom-preview field-type"
      data-newsroom-preview={premium ? 'premium' : 'free'}
    >
      <NewsroomStyles />
      <div className="newsroom-preview__head">
        <span>{t('plugin-newsroom:subscriberPreview')}</span>
        <span className={`newsroom-badge newsroom-badge--${premium ? 'premium' : 'free'}`}>
          {premium ? `★ ${t('plugin-newsroom:premium')}` : t('plugin-newsroom:free')}
        </span>
      </div>
      {audience ? (
        <p className="newsroom-preview__hint" data-newsroom-audience={visibility ?? 'paid'}>
          {audience}
        </p>
      ) : null}
      <div className="newsroom-preview__body">
        {!premium ? (
          <p className="newsroom-preview__hint">{t('plugin-newsroom:subscriberPreviewFree')}</p>
        ) : (
          <>
            <p className="newsroom-preview__hint">
              {cut?.rule === 'shortened'
                ? t('plugin-newsroom:teaserShortened')
                : cut?.rule === 'break'
                  ? t('plugin-newsroom:teaserEndsAtBreak')
                  : t('plugin-newsroom:teaserEndsAtBlocks', { count: teaserBlocks })}
            </p>
            {teaserIsEmpty ? (
              <p className="newsroom-preview__hint">{t('plugin-newsroom:subscriberPreviewEmpty')}</p>
            ) : (
              <div
                className={`newsroom-preview__fade${overflowing ? ' newsroom-preview__fade--overflowing' : ''}`}
                data-newsroom-teaser=""
                ref={teaserBox}
              >
                <RichText converters={converters} data={teaser as never} />
              </div>
            )}
            <div className="newsroom-preview__notice" data-newsroom-notice="">
              {t('plugin-newsroom:subscribeNotice')}{' '}
              {subscribeUrl ? (
                <a href={subscribeUrl} rel="noreferrer" target="_blank">
                  {t('plugin-newsroom:subscribeCta')} →
                </a>
              ) : (
                <strong>{t('plugin-newsroom:subscribeCta')}</strong>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  )
}
