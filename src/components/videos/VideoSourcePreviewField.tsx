'use client'
import { useFormFields } from '@payloadcms/ui'
import React, { useDeferredValue } from 'react'

import { parseVideoUrl, type VideoProvider } from '../../utilities/parseVideoUrl.js'
import { NewsroomStyles } from '../NewsroomStyles.js'
import { useNewsroomTranslation } from '../useNewsroomTranslation.js'

const PROVIDERS: readonly VideoProvider[] = ['file', 'upload', 'vimeo', 'youtube']
const isProvider = (value: unknown): value is VideoProvider => PROVIDERS.includes(value as VideoProvider)

export type VideoSourcePreviewFieldProps = {
  /** Name of the upload field holding a video file, when the collection has one. */
  fileField?: string
  /** Name of the text field with the video link. */
  urlField?: string
}

/**
 * Under the video URL, the one summary of the video's source: provider, id, embed URL and thumbnail parsed
 * live from what the editor types (with the same `parseVideoUrl` the save hook uses) or, for an uploaded
 * file, as the last save computed them; and the player as readers will get it.
 */
export const VideoSourcePreviewField: React.FC<VideoSourcePreviewFieldProps> = ({
  fileField = 'file',
  urlField = 'url',
}) => {
  const { t } = useNewsroomTranslation()
  const typed = useFormFields(([fields]) => fields[urlField]?.value)
  const hasFile = Boolean(useFormFields(([fields]) => fields[fileField]?.value))
  // Parsing on every keystroke is cheap; the deferred value keeps the iframe from reloading mid-typing.
  const url = useDeferredValue(typeof typed === 'string' ? typed.trim() : '')
  const typedSource = url ? parseVideoUrl(url) : null
  // With no link typed, what the last save computed (an uploaded file's source) is the summary.
  const storedProvider = useFormFields(([fields]) => fields.provider?.value)
  const storedId = useFormFields(([fields]) => fields.providerId?.value)
  const storedEmbedUrl = useFormFields(([fields]) => fields.embedUrl?.value)
  const storedThumbnail = useFormFields(([fields]) => fields.thumbnailUrl?.value)
  const parsed =
    typedSource ??
    (isProvider(storedProvider) && typeof storedEmbedUrl === 'string' && storedEmbedUrl
      ? {
          ok: true as const,
          source: {
            embedUrl: storedEmbedUrl,
            provider: storedProvider,
            providerId: typeof storedId === 'string' ? storedId : null,
            startSeconds: null,
            thumbnailUrl: typeof storedThumbnail === 'string' && storedThumbnail ? storedThumbnail : null,
          },
          url: storedEmbedUrl,
        }
      : null)
  const providerName = (provider: VideoProvider): string =>
    provider === 'youtube'
      ? 'YouTube'
      : provider === 'vimeo'
        ? 'Vimeo'
        : t(provider === 'file' ? 'plugin-newsroom:videoProviderFile' : 'plugin-newsroom:videoProviderUpload')

  return (
    <div
      aria-label={t('plugin-newsroom:videoPreview')}
      className="newsroom-preview field-type"
      data-newsroom-video-preview={parsed?.ok ? parsed.source.provider : parsed ? 'error' : 'empty'}
    >
      <NewsroomStyles />
      <div className="newsroom-preview__head">
        <span>{t('plugin-newsroom:videoPreview')}</span>
        {parsed?.ok ? (
          <span className="newsroom-badge newsroom-badge--approved">{providerName(parsed.source.provider)}</span>
        ) : null}
      </div>
      <div className="newsroom-preview__body">
        {!parsed ? (
          <p className="newsroom-preview__hint">
            {hasFile ? t('plugin-newsroom:videoUploadSource') : t('plugin-newsroom:videoEnterSource')}
          </p>
        ) : !parsed.ok ? (
          <p className="newsroom-video-preview__error" role="alert">
            {parsed.message}
          </p>
        ) : (
          <>
            <dl className="newsroom-video-preview__meta">
              <dt>{t('plugin-newsroom:videoProvider')}</dt>
              <dd data-newsroom-provider={parsed.source.provider}>
                {providerName(parsed.source.provider)}
                {parsed.source.providerId ? ` · ${parsed.source.providerId}` : ''}
              </dd>
              <dt>{t('plugin-newsroom:videoEmbedUrl')}</dt>
              <dd data-newsroom-embed-url={parsed.source.embedUrl}>{parsed.source.embedUrl}</dd>
              {parsed.source.thumbnailUrl ? (
                <>
                  <dt>{t('plugin-newsroom:videoThumbnail')}</dt>
                  <dd>{parsed.source.thumbnailUrl}</dd>
                </>
              ) : null}
            </dl>
            <div className="newsroom-video-preview__frame">
              {parsed.source.provider === 'file' || parsed.source.provider === 'upload' ? (
                <video
                  controls
                  poster={parsed.source.thumbnailUrl ?? undefined}
                  preload="metadata"
                  src={parsed.source.embedUrl}
                />
              ) : (
                <iframe
                  allow="encrypted-media; picture-in-picture; fullscreen"
                  key={parsed.source.embedUrl}
                  loading="lazy"
                  referrerPolicy="strict-origin-when-cross-origin"
                  sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
                  src={parsed.source.embedUrl}
                  title={t('plugin-newsroom:videoPreview')}
                />
              )}
            </div>
          </>
        )}
      </div>
    </div>
  )
}
