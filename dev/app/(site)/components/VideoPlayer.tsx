import type { LatestVideo, VideoCaption } from '../lib/types.js'

import { safeHttpUrl } from '../lib/format.js'

/**
 * A caption track as a `data:` URL: the WebVTT text came with the video (gated like it), so the page needs no
 * second, separately gated request, and a locked video has no track to point at.
 */
const trackSrc = (vtt: string) => `data:text/vtt;charset=utf-8,${encodeURIComponent(vtt)}`

type PlayableCaption = { vtt: string } & VideoCaption

const tracksOf = (captions: LatestVideo['captions']): PlayableCaption[] =>
  (captions ?? []).filter((track): track is PlayableCaption => Boolean(track?.vtt && track.language))

/**
 * A playable video: the provider's player or the file with its caption tracks (YouTube and Vimeo players show
 * their own); a note instead when it is for subscribers (the API sends no captions then).
 */
export function VideoPlayer({ video }: { video: LatestVideo }) {
  const src = safeHttpUrl(video.embedUrl)
  if (video.locked || !src) {
    return <p className="video-locked">“{video.title}” is for subscribers.</p>
  }
  if (video.provider === 'file' || video.provider === 'upload') {
    const tracks = tracksOf(video.captions)
    return (
      <video controls preload="none" src={src}>
        {tracks.map((track, index) => (
          <track
            default={track.default === true}
            key={track.id ?? index}
            kind="captions"
            label={track.label}
            src={trackSrc(track.vtt)}
            srcLang={track.language}
          />
        ))}
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
