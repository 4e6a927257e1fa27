/**
 * Demo content for the dev app. The premium article is the project's seed page
 * (title, paragraphs and date as published); the free articles are short demo texts.
 */

export type SeedArticle = {
  author: string
  categories: string[]
  excerpt: string
  paragraphs: string[]
  premium: boolean
  publishedAt: string
  /** Index of the paragraph after which the editor placed the paywall break (premium only). */
  paywallAfter?: number
  title: string
}

export const premiumArticle: SeedArticle = {
  author: 'Newsroom Staff',
  categories: ['World'],
  excerpt: 'Vladimir Putin travels to Pyongyang for a rare state visit, his first since July 2000.',
  paragraphs: [
    'The Kremlin announced that Russian President Vladimir Putin will embark on an exceptional trip to North Korea on Tuesday and Wednesday, signifying the burgeoning partnership between Moscow and the reclusive nuclear-armed state. This visit is uncommon, given the infrequency of high-level diplomatic engagements between the two nations. North Korean leader Kim Jong Un extended the invitation to Putin during his visit to Russia’s Far East in September last year. Notably, Putin’s last visit to Pyongyang dates back to July 2000.',
    'The official statement from the Kremlin reads, “At the invitation of the Chairman of State Affairs of the DPRK, Kim Jong Un, Vladimir Putin will pay a friendly state visit to the Democratic People’s Republic of Korea on June 18-19.” Following his visit to North Korea, Putin is scheduled to visit Vietnam on June 19-20, according to the Kremlin’s announcement.',
    'This landmark visit underscores Russia’s concerted efforts to showcase the resurgence of its ties with North Korea, particularly in the wake of the conflict in Ukraine, which has led to a significant strain in Moscow’s relations with the West. Amidst his assertion that Russia is engaged in an existential battle with the West over Ukraine, Putin’s engagement with Kim enables him to provoke Washington and its Asian allies while strengthening Russia’s support in the Ukraine conflict.',
    'The United States and its allies have alleged that North Korea supplied weapons to Russia to aid its operations in Ukraine. However, North Korea has consistently refuted these claims, dismissing them as fabrications concocted by Western propagandists. The rare visit by President Putin to North Korea carries implications for regional dynamics and global geopolitics, with potential ramifications for ongoing international discussions and power shifts.',
  ],
  paywallAfter: 0,
  premium: true,
  publishedAt: '2024-06-17T09:00:00.000Z',
  title: 'Russian President Vladimir Putin’s Rare Visit to North Korea',
}

export const freeArticles: SeedArticle[] = [
  {
    author: 'Dana Whitfield',
    categories: ['Local'],
    excerpt: 'The council voted 7–2 to add protected bike lanes on three downtown streets.',
    paragraphs: [
      'After two hours of public comment, the city council voted 7–2 on Monday night to add protected bike lanes to three downtown streets, the largest expansion of the network in a decade.',
      'Construction is scheduled to begin in the spring. Parking on the affected blocks will be reduced by roughly a fifth, a point several shop owners raised during the meeting.',
      'Supporters pointed to the rising number of cyclists counted at the river crossings and said separated lanes are the safest way to keep that growth going.',
    ],
    premium: false,
    publishedAt: '2024-06-14T15:30:00.000Z',
    title: 'City Council Approves Protected Bike Lanes Downtown',
  },
  {
    author: 'Marcus Lee',
    categories: ['Weather'],
    excerpt: 'Forecasters expect temperatures to drop by the weekend after a week above 35 °C.',
    paragraphs: [
      'The heatwave that has kept temperatures above 35 °C for most of the week is expected to ease by Saturday, when a cold front brings showers and a drop of about ten degrees.',
      'Cooling centres at the public library and the community hall will stay open until Friday evening. Officials again urged residents to check on elderly neighbours.',
    ],
    premium: false,
    publishedAt: '2024-06-15T07:00:00.000Z',
    title: 'Heatwave Expected to Ease by the Weekend',
  },
  {
    author: 'Priya Raman',
    categories: ['Culture'],
    excerpt: 'From July the central library opens on Sundays, a first since 2011.',
    paragraphs: [
      'The central library will open on Sundays from July, restoring weekend hours that were cut in 2011. The change is funded by a two-year grant from a local foundation.',
      'The children’s section will host reading hours every Sunday morning, and the computer room will offer free help with job applications in the afternoon.',
      'Librarians said weekend visits have been the most requested change in every user survey of the past five years.',
    ],
    premium: false,
    publishedAt: '2024-06-16T10:00:00.000Z',
    title: 'Central Library Brings Back Sunday Opening Hours',
  },
]

export type SeedVideo = {
  _status: 'draft' | 'published'
  captions?: { default?: boolean; label: string; language: string; vtt: string }[]
  description: string
  duration: number
  premium: boolean
  publishedAt: string
  title: string
  transcript?: string
  url: string
}

/** Public domain / CC-licensed films from the Blender Foundation, on each supported provider. */
export const seedVideos: SeedVideo[] = [
  {
    _status: 'published',
    description: 'Blender Foundation open movie (YouTube).',
    duration: 634,
    premium: false,
    publishedAt: '2024-06-10T12:00:00.000Z',
    title: 'Big Buck Bunny',
    url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  },
  {
    _status: 'published',
    description: 'Blender Foundation open movie (Vimeo).',
    duration: 888,
    premium: false,
    publishedAt: '2024-06-12T12:00:00.000Z',
    title: 'Sintel',
    url: 'https://vimeo.com/1084537',
  },
  {
    _status: 'published',
    // A file the browser plays itself, so it shows these tracks (a YouTube or Vimeo player brings its own).
    captions: [
      {
        default: true,
        label: 'English',
        language: 'en',
        vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n[birds singing]\n\n00:00:20.000 --> 00:00:24.000\nA big rabbit wakes up in the meadow.\n',
      },
      {
        label: 'Deutsch',
        language: 'de',
        vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n[Vogelgezwitscher]\n\n00:00:20.000 --> 00:00:24.000\nEin großes Kaninchen wacht auf der Wiese auf.\n',
      },
    ],
    description: 'Blender Foundation open movie, served as a direct MP4 file.',
    duration: 596,
    premium: false,
    publishedAt: '2024-06-13T12:00:00.000Z',
    title: 'Big Buck Bunny (MP4 file)',
    transcript:
      'Birds sing over a green meadow at dawn.\n\nA big rabbit wakes up, stretches and steps out of his burrow into the sun.',
    url: 'https://download.blender.org/peach/bigbuckbunny_movies/BigBuckBunny_320x180.mp4',
  },
  {
    _status: 'published',
    description: 'Blender Foundation open movie — for subscribers.',
    duration: 734,
    premium: true,
    publishedAt: '2024-06-16T12:00:00.000Z',
    title: 'Tears of Steel',
    url: 'https://www.youtube.com/watch?v=R6MlUcmOul8',
  },
  {
    _status: 'draft',
    description: 'An unpublished draft: never shown to readers.',
    duration: 90,
    premium: false,
    publishedAt: '2024-06-18T12:00:00.000Z',
    title: 'Draft: Elephants Dream',
    url: 'https://www.youtube.com/watch?v=TLkA0RELQ1g',
  },
]

export const seedLogins = {
  editor: { email: 'editor@newsroom.test', name: 'Erin Editor', password: 'editor-password-1' },
  readers: {
    expired: { email: 'expired@newsroom.test', name: 'Emil Expired', password: 'reader-password-1' },
    free: { email: 'free@newsroom.test', name: 'Fiona Free', password: 'reader-password-1' },
    premium: { email: 'premium@newsroom.test', name: 'Paula Premium', password: 'reader-password-1' },
  },
} as const
