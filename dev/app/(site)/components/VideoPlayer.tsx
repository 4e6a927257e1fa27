import type { LatestVideo } from '../lib/types.js'

import { safeHttpUrl } from '../lib/format.js'

/** A playable video: the provider's player or the file; a note instead when it is for subscribers. */
export function VideoPlayer({ video }: { video: LatestVideo }) {
  const src = safeHttpUrl(video.embedUrl)
  if (video.locked || !src) {
    return <p className="video-locked">“{video.title}” is for subscribers.</p>
  }
  if (video.provider === 'file' || video.provider === 'upload') {
    return (
      <video controls preload="none" src={src}>
        <a href={src}>Download “{video.title}”</a>
      </video>
    )
  }
  return (
    <iframe
      allow="encrypted-media; picture-in-picture; fullscreen"
      height={315}
      loading="lazy"
      referrerPolicy="strict-origin-when-cross-origin"
      src={src}
      title={video.title}
      width={560}
    />
  )
}
