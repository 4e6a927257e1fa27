import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'

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
  // Older and less common YouTube forms still found in archives and share menus
  [`https://www.youtube.com/watch?vi=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/vi/${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/v/${YT}/extra/bits`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/v/${YT}&hl=en_US&fs=1`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/v/${YT}?version=3`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://m.youtube.com/details?v=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://www.youtube.com/watch_popup?v=${YT}&t=5`, { embedUrl: ytEmbed(5), provider: 'youtube', providerId: YT }],
  [`https://www.youtubekids.com/watch?v=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [`https://youtubekids.com/watch?v=${YT}`, { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT }],
  [
    `https://consent.youtube.com/m?continue=${encodeURIComponent(`https://www.youtube.com/watch?v=${YT}&cbrd=1`)}&gl=DE&m=0&pc=yt&hl=de&src=1`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT, thumbnailUrl: ytThumb },
  ],
  [
    `https://consent.youtube.com/ml?continue=${encodeURIComponent(`https://m.youtube.com/watch?v=${YT}&t=90`)}`,
    { embedUrl: ytEmbed(90), provider: 'youtube', providerId: YT, startSeconds: 90 },
  ],
  // Embed codes pasted whole: the player address is read from the iframe's src
  [
    `<iframe width="560" height="315" src="https://www.youtube.com/embed/${YT}?si=Ab_12&amp;start=20" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>`,
    { embedUrl: ytEmbed(20), provider: 'youtube', providerId: YT, startSeconds: 20 },
  ],
  [
    `<iframe src='//www.youtube-nocookie.com/embed/${YT}' allowfullscreen></iframe>`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT },
  ],
  [
    `<IFRAME SRC=https://www.youtube.com/embed/${YT}></IFRAME>`,
    { embedUrl: ytEmbed(), provider: 'youtube', providerId: YT },
  ],
  [
    '<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0&amp;autopause=0" frameborder="0" allow="autoplay; fullscreen" style="position:absolute;top:0;left:0;width:100%;height:100%;" title="Launch"></iframe></div><script src="https://player.vimeo.com/api/player.js"></script>',
    {
      embedUrl: 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1',
      provider: 'vimeo',
      providerId: '76979871',
    },
  ],
  [
    '<iframe src="https://cdn.example.com/clips/launch.mp4"></iframe>',
    { embedUrl: 'https://cdn.example.com/clips/launch.mp4', provider: 'file', providerId: null },
  ],
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
    'https://vimeo.com/newsroomtv/review/76979871/a1b2c3d4e5',
    // The review hash opens the review page only; it is not the player's private-link hash.
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
  ],
  [
    'https://vimeo.com/user12345678/review/76979871',
    { embedUrl: 'https://player.vimeo.com/video/76979871?dnt=1', provider: 'vimeo', providerId: '76979871' },
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
  [`https://www.youtube.com/watch?vi=${YT}%27`, VIDEO_URL_MESSAGES.youtubeBadId],
  ['https://www.youtube.com/v/dQw4w9WgXc%3E&hl=en', VIDEO_URL_MESSAGES.youtubeBadId],
  ['https://www.youtube.com/vi/', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  ['https://m.youtube.com/details', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  [`https://www.youtube.com/watch_popup/${YT}`, VIDEO_URL_MESSAGES.youtubeNotAVideo],
  // A channel's live-stream player has no video of its own (its id is not `live_stream`)
  ['https://www.youtube.com/embed/live_stream?channel=UC_x5XG1OV2P6uZZ5FSM9Ttw', VIDEO_URL_MESSAGES.youtubeChannelLive],
  [
    'https://www.youtube-nocookie.com/embed/live_stream?channel=UC_x5XG1OV2P6uZZ5FSM9Ttw&autoplay=1',
    VIDEO_URL_MESSAGES.youtubeChannelLive,
  ],
  [
    '<iframe src="https://www.youtube.com/embed/live_stream?channel=UC_x5XG1OV2P6uZZ5FSM9Ttw"></iframe>',
    VIDEO_URL_MESSAGES.youtubeChannelLive,
  ],
  // The consent wrapper leads to YouTube only, one level deep
  ['https://consent.youtube.com/m?gl=DE', VIDEO_URL_MESSAGES.youtubeNotAVideo],
  [
    `https://consent.youtube.com/m?continue=${encodeURIComponent('https://cdn.example.com/clips/launch.mp4')}`,
    VIDEO_URL_MESSAGES.unsupported,
  ],
  [
    `https://consent.youtube.com/m?continue=${encodeURIComponent('https://vimeo.com/76979871')}`,
    VIDEO_URL_MESSAGES.unsupported,
  ],
  [`https://consent.youtube.com/m?continue=${encodeURIComponent('javascript:alert(1)')}`, VIDEO_URL_MESSAGES.notHttp],
  [
    `https://consent.youtube.com/m?continue=${encodeURIComponent(`https://consent.youtube.com/m?continue=${encodeURIComponent(`https://www.youtube.com/watch?v=${YT}`)}`)}`,
    VIDEO_URL_MESSAGES.youtubeNotAVideo,
  ],
  [
    `https://consent.youtube.com/m?continue=${encodeURIComponent(`https://youtube.com.evil.example/watch?v=${YT}`)}`,
    VIDEO_URL_MESSAGES.unsupported,
  ],
  [
    `https://consent.youtube.com.evil.example/m?continue=https://www.youtube.com/watch?v=${YT}`,
    VIDEO_URL_MESSAGES.unsupported,
  ],
  // Embed codes that carry no usable player, several players, or a hostile one
  ['<iframe width="560" height="315"></iframe>', VIDEO_URL_MESSAGES.embedCodeWithoutSource],
  ['<iframe src=""></iframe>', VIDEO_URL_MESSAGES.embedCodeWithoutSource],
  [
    '<div><script src="https://player.vimeo.com/api/player.js"></script></div>',
    VIDEO_URL_MESSAGES.embedCodeWithoutSource,
  ],
  [
    `<iframe src="https://www.youtube.com/embed/${YT}"></iframe><iframe src="https://player.vimeo.com/video/76979871"></iframe>`,
    VIDEO_URL_MESSAGES.embedCodeWithSeveralPlayers,
  ],
  ['<iframe src="javascript:alert(1)//.mp4"></iframe>', VIDEO_URL_MESSAGES.notHttp],
  ['<iframe src="&#106;avascript:alert(1)//.mp4"></iframe>', VIDEO_URL_MESSAGES.notHttp],
  ['<iframe src="data:text/html,<script>alert(1)</script>"></iframe>', VIDEO_URL_MESSAGES.notHttp],
  [`<iframe src="https://youtube.com.evil.example/embed/${YT}"></iframe>`, VIDEO_URL_MESSAGES.unsupported],
  [`<iframe src="https://www.youtube.com/embed/${YT}&#10;x"></iframe>`, VIDEO_URL_MESSAGES.youtubeBadId],
  [`<iframe data-src="https://www.youtube.com/embed/${YT}"></iframe>`, VIDEO_URL_MESSAGES.embedCodeWithoutSource],
  // Lookalike YouTube Kids / Vimeo hosts
  [`https://youtubekids.com.evil.example/watch?v=${YT}`, VIDEO_URL_MESSAGES.unsupported],
  [`https://www.youtubekids.co/watch?v=${YT}`, VIDEO_URL_MESSAGES.unsupported],
  ['https://vimeo.com.evil.example/76979871', VIDEO_URL_MESSAGES.unsupported],
  // Vimeo links that are not one video
  ['https://vimeo.com/', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/newsroomtv', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/channels/staffpicks', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/76979871/not-a-hash!', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/76979871/8272103f6e/extra', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/newsroomtv/review/notanid/a1b2c3d4e5', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/newsroomtv/review/76979871/%3Cscript%3E', VIDEO_URL_MESSAGES.vimeoNotAVideo],
  ['https://vimeo.com/newsroomtv/review/76979871/a1b2c3d4e5/more', VIDEO_URL_MESSAGES.vimeoNotAVideo],
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

  it.each([
    [`https://www.youtube.com/watch?v=${YT}`, `https://www.youtube.com/watch?v=${YT}`],
    [
      `<iframe src="https://www.youtube.com/embed/${YT}?a=1&amp;b=2"></iframe>`,
      `https://www.youtube.com/embed/${YT}?a=1&b=2`,
    ],
    [`<iframe src="//player.vimeo.com/video/76979871"></iframe>`, 'https://player.vimeo.com/video/76979871'],
    [
      `https://consent.youtube.com/m?continue=${encodeURIComponent(`https://www.youtube.com/watch?v=${YT}`)}&gl=DE`,
      `https://www.youtube.com/watch?v=${YT}`,
    ],
  ])('stores %s as the link %s (no markup, no consent wrapper)', (input, link) => {
    const result = parseVideoUrl(input)
    expect(result.ok && result.url).toBe(link)
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

describe('parseVideoUrl on arbitrary input', () => {
  const known = new Set(['player.vimeo.com', 'www.youtube-nocookie.com'])
  const pieces = fc.constantFrom(
    '<iframe src="',
    '">',
    "'",
    'https://',
    '//',
    'www.youtube.com/',
    'consent.youtube.com/m?continue=',
    'vimeo.com/',
    'javascript:',
    'embed/',
    'watch?v=',
    'vi/',
    'review/',
    YT,
    '76979871',
    '&amp;',
    '&#106;',
    '%2F',
    '.mp4',
    '<',
    '>',
    ' ',
  )
  const hostile = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join('')),
  )

  it('never throws, and every accepted source plays over http(s) from the provider or the linked file', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const result = parseVideoUrl(input)
        if (!result.ok) return typeof result.message === 'string' && result.message.length > 0
        const player = new URL(result.source.embedUrl)
        const stored = new URL(result.url)
        if (!/^https?:$/.test(player.protocol) || !/^https?:$/.test(stored.protocol)) return false
        if (result.source.provider === 'file') return player.href === stored.href
        return player.protocol === 'https:' && known.has(player.hostname)
      }),
      { numRuns: 3000 },
    )
  })
})
