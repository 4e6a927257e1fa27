import type { LatestVideo } from '../lib/types.js'

/** The transcript's paragraphs (blank lines between them in the stored text). */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)

/** A video's transcript, under its player; nothing when the video is locked (the API sends `transcript: null`). */
export function VideoTranscript({ video }: { video: LatestVideo }) {
  const parts = !video.locked && video.transcript ? paragraphs(video.transcript) : []
  if (!parts.length) return null
  return (
    <details className="video-transcript">
      <summary>Transcript of “{video.title}”</summary>
      {parts.map((part, index) => (
        <p key={index}>{part}</p>
      ))}
    </details>
  )
}
