import type { LatestVideo } from '../lib/types.js'

import { formatDate, formatDuration, safeHttpUrl } from '../lib/format.js'

const PROVIDER_NAMES: Record<string, string> = {
  file: 'Video file',
  upload: 'Video file',
  vimeo: 'Vimeo',
  youtube: 'YouTube',
}

/** The newest published videos: thumbnail, title (linking to the video unless it is for subscribers), length. */
export function LatestVideos({ videos }: { videos: LatestVideo[] }) {
  return (
    <section aria-labelledby="latest-videos-title" className="latest-videos">
      <h2 id="latest-videos-title">Latest Videos</h2>
      {videos.length ? (
        <ul className="video-strip">
          {videos.map((video) => {
            const href = video.locked ? null : safeHttpUrl(video.url ?? video.embedUrl)
            const thumbnail = safeHttpUrl(video.thumbnailUrl)
            const duration = formatDuration(video.duration)
            const captionLabels = (video.captions ?? []).map((track) => track.label).filter(Boolean)
            return (
              <li className="video-card" data-video-slug={video.slug} key={video.id}>
                {thumbnail ? (
                  <img alt="" height={90} loading="lazy" src={thumbnail} width={160} />
                ) : (
                  <div aria-hidden="true" className="video-placeholder">
                    ▶
                  </div>
                )}
                <h3 className="video-title">{href ? <a href={href}>{video.title}</a> : video.title}</h3>
                <p className="video-meta">
                  {video.premium ? <span className="badge">Premium</span> : null}{' '}
                  {PROVIDER_NAMES[video.provider ?? ''] ?? ''}
                  {duration ? <> · {duration}</> : null}
                  {captionLabels.length ? (
                    <>
                      {' '}
                      · <abbr title={`Captions: ${captionLabels.join(', ')}`}>CC</abbr>
                    </>
                  ) : null}
                  {video.publishedAt ? (
                    <>
                      {' '}
                      · <time dateTime={video.publishedAt}>{formatDate(video.publishedAt)}</time>
                    </>
                  ) : null}
                </p>
                {video.locked ? <p className="video-locked">For subscribers</p> : null}
              </li>
            )
          })}
        </ul>
      ) : (
        <p>No videos yet.</p>
      )}
    </section>
  )
}
