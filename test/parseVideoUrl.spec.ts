import { describe, expect, it } from '@jest/globals'

import {
  parseTimestamp,
  parseVideoUrl,
  uploadedVideoSource,
  VIDEO_SOURCE_MESSAGES,
  VIDEO_URL_MESSAGES,
  videoSourceErrors,
} from '../src/utilities/parseVideoUrl.js'

const YT = 'dQw4w9WgXcQ'
const ytEmbed = (start?: number) => `https://www.youtube-nocookie.com/embed/${YT}${start ? `?start=${start}` : ''}`
const ytThumb = `https://i.ytimg.com/vi/${YT}/hqdefault.jpg`

type Expected = {
  embedUrl: string
  provider: 'file' | 'vimeo' | 'youtube'
  providerId: null | string
  startSeconds?: null | number
  thumbnailUrl?: null | string
}

const valid: Array<[string, Expected]> = [
  // YouTube: every link shape an editor copies, with and without timestamps and tracking parameters
  [
    `https://www.youtube.com/watch?v=${YT}`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT, thumbnailUrl: ytThumb },
  ],
  [`https://youtube.com/watch?v=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`http://www.youtube.com/watch?v=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://m.youtube.com/watch?v=${YT}&feature=share`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://music.youtube.com/watch?v=${YT}&si=Abc123`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [
    `https://www.youtube.com/watch?feature=youtu.be&v=${YT}`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT },
  ],
  [
    `https://www.youtube.com/watch?v=${YT}&list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs&index=2`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT },
  ],
  [
    `https://www.youtube.com/watch?v=${YT}&t=42s`,
    { embedUrl: ytEmbed(42), provider: 'youtube', providerId: YT, startSeconds: 42 },
  ],
  [
    `https://www.youtube.com/watch?v=${YT}&t=1h2m3s`,
    { embedUrl: ytEmbed(3723), provider: 'youtube', providerId: YT, startSeconds: 3723 },
  ],
  [
    `https://www.youtube.com/watch?v=${YT}#t=1m30s`,
    { embedUrl: ytEmbed(90), provider: 'youtube', providerId: YT, startSeconds: 90 },
  ],
  [
    `https://www.youtube.com/watch?v=${YT}&t=not-a-time`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT, startSeconds: null },
  ],
  [`https://youtu.be/${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT, thumbnailUrl: ytThumb }],
  [`https://youtu.be/${YT}?t=90`, { embedUrl: ytEmbed(90), provider: 'youtube', providerId: YT, startSeconds: 90 }],
  [`https://youtu.be/${YT}?si=Q3x_Zp9aB-1&t=15`, { embedUrl: ytEmbed(15), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/shorts/${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://youtube.com/shorts/${YT}?feature=share`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/embed/${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [
    `https://www.youtube.com/embed/${YT}?start=30&autoplay=1`,
    { embedUrl: ytEmbed(30), provider: 'youtube', providerId: YT, startSeconds: 30 },
  ],
  [`https://www.youtube-nocookie.com/embed/${YT}?rel=0`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/live/${YT}?si=abcdef`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/live/${YT}?t=3600`, { embedUrl: ytEmbed(3600), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/v/${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`  https://youtu.be/${YT}  `, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [
    'https://youtu.be/_-aB3dE4fG5',
    { embedUrl: 'https://www.youtube-nocookie.com/embed/_-aB3dE4fG5', provider: 'youtube', providerId: '_-aB3dE4fG5' },
  ],
  // Vimeo: pages, channels, groups, showcases, the player, private (unlisted) hash links
  [
    'https://vimeo.com/76979871',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1',
      provider: 'vimeo',
      providerId: '76979871',
      thumbnailUrl: null,
    },
  ],
  [
    'https://www.vimeo.com/76979871?share=copy',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://vimeo.com/76979871#t=1m5s',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1#t=65s',
      provider: 'vimeo',
      providerId: '76979871',
      startSeconds: 65,
    },
  ],
  [
    'https://vimeo.com/channels/staffpicks/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://vimeo.com/groups/motion/videos/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://vimeo.com/showcase/9876543/video/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://vimeo.com/album/2222/video/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://player.vimeo.com/video/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1',
      provider: 'vimeo',
      providerId: '76979871',
    },
  ],
  [
    'https://vimeo.com/76979871/8272103f6e',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1',
      provider: 'vimeo',
      providerId: '76979871',
    },
  ],
  [
    'https://vimeo.com/76979871/8272103F6E?share=copy#t=30',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1#t=30s',
      provider: 'vimeo',
      providerId: '76979871',
    },
  ],
  [
    'https://vimeo.com/manage/videos/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  // Direct files
  [
    'https://cdn.example.com/clips/launch.mp4',
    { embedUrl: 'https://cdn.example.com/clips/launch.mp4', provider: 'file', providerId: null, thumbnailUrl: null },
  ],
  [
    'https://cdn.example.com/clips/launch.MP4?token=abc&exp=1700000000',
    {
      embedUrl: 'https://cdn.example.com/clips/launch.MP4?token=abc&exp=1700000000',
      provider: 'file',
      providerId: null,
    },
  ],
  [
    'http://media.example.org/a/b/teaser.webm',
    { embedUrl: 'http://media.example.org/a/b/teaser.webm', provider: 'file', providerId: null },
  ],
  [
    'https://stream.example.com/live/master.m3u8',
    { embedUrl: 'https://stream.example.com/live/master.m3u8', provider: 'file', providerId: null },
  ],
  [
    'https://CDN.Example.com/v.mp4#t=10',
    { embedUrl: 'https://cdn.example.com/v.mp4#t=10', provider: 'file', providerId: null },
  ],
  [
    'http://localhost:3000/media/clip.webm',
    { embedUrl: 'http://localhost:3000/media/clip.webm', provider: 'file', providerId: null },
  ],
]

const invalid: Array<[unknown, string]> = [
  // Malformed or not a web address at all
  ['', VIDEO_URL_MESSAGES.notHttp],
  ['   ', VIDEO_URL_MESSAGES.notHttp],
  [null, VIDEO_URL_MESSAGES.notHttp],
  [42, VIDEO_URL_MESSAGES.notHttp],
  ['not a url', VIDEO_URL_MESSAGES.unsupported],
  [`youtube.com/watch?v=${YT}`, VIDEO_URL_MESSAGES.notHttp],
  [`//www.youtube.com/watch?v=${YT}`, VIDEO_URL_MESSAGES.notHttp],
  ['javascript:alert(1)//.mp4', VIDEO_URL_MESSAGES.notHttp],
  ['data:video/mp4;base64,AAAA', VIDEO_URL_MESSAGES.notHttp],
  ['ftp://files.example.com/clip.mp4', VIDEO_URL_MESSAGES.notHttp],
  ['https://', VIDEO_URL_MESSAGES.notHttp],
  ['https://exa mple.com/clip.mp4', VIDEO_URL_MESSAGES.unsupported],
  ['https://user:secret@cdn.example.com/clip.mp4', VIDEO_URL_MESSAGES.credentials],
  [`https://example.com/${'a'.repeat(2000)}.mp4`, VIDEO_URL_MESSAGES.tooLong],
  // YouTube links that are not one video, or carry a broken id
  ['https://www.youtube.com/watch', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://www.youtube.com/watch?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  [
    'https://www.youtube.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
    VIDEO_URL_MESSAGES.youtubeNotAVideo,
  ],
  ['https://www.youtube.com/@newsroom', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://www.youtube.com/', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://youtu.be/', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  [`https://youtu.be/${YT}/extra`, VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://www.youtube.com/watch?v=short', VIDEO_URL_MESSAGES.youtubeBadId],
  [`https://www.youtube.com/watch?v=${YT}x`, VIDEO_URL_MESSAGES.youtubeBadId],
  ['https://youtu.be/dQw4w9WgXc!', VIDEO_URL_MESSAGES.youtubeBadId],
  ['https://www.youtube.com/shorts/<script>', VIDEO_URL_MESSAGES.youtubeBadId],
  // Vimeo links that are not one video
  ['https://vimeo.com/', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/newsroomtv', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/channels/staffpicks', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/76979871/not-a-hash!', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/76979871/8272103f6e/extra', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://player.vimeo.com/video/abc', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://player.vimeo.com/video/76979871?h=%22%3E%3Cscript%3E', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  // Lookalike hosts and unknown sources
  [`https://youtube.com.evil.example/watch?v=${YT}`, VIDEO_URL_MESSAGES.unsupported],
  ['https://notvimeo.com/76979871', VIDEO_URL_MESSAGES.unsupported],
  ['https://www.dailymotion.com/video/x7tgad0', VIDEO_URL_MESSAGES.unsupported],
  ['https://cdn.example.com/clips/launch.mov', VIDEO_URL_MESSAGES.unsupported],
  ['https://cdn.example.com/clips/launch.mp4.html', VIDEO_URL_MESSAGES.unsupported],
  ['https://cdn.example.com/watch?file=launch.mp4', VIDEO_URL_MESSAGES.unsupported],
  ['https://intranet/clip.mp4', VIDEO_URL_MESSAGES.unsupported],
]

describe('parseVideoUrl', () => {
  it('has a broad table of real-world cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(30)
  })

  it.each(valid)('reads %s', (input, expected) => {
    const result = parseVideoUrl(input)
    if (!result.ok) throw new Error(`expected ${input} to parse, got: ${result.message}`)
    expect(result.source).toMatchObject(expected)
  })

  it.each(invalid)('refuses %p with a message', (input, message) => {
    expect(parseVideoUrl(input)).toEqual({ message, ok: false })
  })

  it('only ever produces https players on privacy-friendly hosts for YouTube and Vimeo', () => {
    for (const [input] of valid) {
      const result = parseVideoUrl(input)
      if (!result.ok || result.source.provider === 'file') continue
      const player = new URL(result.source.embedUrl)
      expect(player.protocol).toBe('https:')
      if (result.source.provider === 'youtube') expect(player.hostname).toBe('www.youtube-nocookie.com')
      if (result.source.provider === 'vimeo') expect(player.searchParams.get('dnt')).toBe('1')
    }
  })
})

describe('parseTimestamp', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['1m30s', 90],
    ['1h', 3600],
    ['1h2m3s', 3723],
    ['2m', 120],
    ['1:30', 90],
    ['1:02:03', 3723],
    ['0', null],
    ['', null],
    [null, null],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
  ])('%p → %p', (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected)
  })
})

describe('videoSourceErrors (exactly one of url and file)', () => {
  it.each([
    [{ hasFile: false, publishing: true, url: 'https://youtu.be/x' }, []],
    [{ hasFile: true, publishing: true, url: null }, []],
    [{ hasFile: true, publishing: true, url: '' }, []],
    [
      { hasFile: true, publishing: false, url: 'https://youtu.be/x' },
      [{ message: VIDEO_SOURCE_MESSAGES.both, path: 'url' }],
    ],
    [
      { hasFile: true, publishing: true, url: 'https://youtu.be/x' },
      [{ message: VIDEO_SOURCE_MESSAGES.both, path: 'url' }],
    ],
    [{ hasFile: false, publishing: true, url: '  ' }, [{ message: VIDEO_SOURCE_MESSAGES.missing, path: 'url' }]],
    [{ hasFile: false, publishing: true, url: undefined }, [{ message: VIDEO_SOURCE_MESSAGES.missing, path: 'url' }]],
    // A draft is work in progress: it may have no source yet.
    [{ hasFile: false, publishing: false, url: undefined }, []],
  ])('%p', (input, expected) => {
    expect(videoSourceErrors(input)).toEqual(expected)
  })
})

describe('uploadedVideoSource', () => {
  it('plays an upload from its own URL and records the upload id', () => {
    expect(uploadedVideoSource({ id: 'abc123', url: '/api/media/file/clip.mp4' })).toEqual({
      embedUrl: '/api/media/file/clip.mp4',
      provider: 'upload',
      providerId: 'abc123',
      startSeconds: null,
      thumbnailUrl: null,
    })
  })
})
