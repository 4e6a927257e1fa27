// @ts-check
/**
 * Browser scenario of captions and transcripts (issue #18 item 11), run by test/browser/run.mjs against the built
 * dev app: an article embeds a public and a paid video file; the public one plays with its caption tracks (the
 * default one loaded with its cues) and shows its transcript under the player; the paid one shows neither its
 * tracks nor its transcript to a visitor — not in the markup either — and both to a subscriber; axe-core finds no
 * violation on either view.
 * In the admin, an editor sees a video's tracks and cannot save a second default track.
 * Screenshots `captions-*.png`.
 */
import assert from 'node:assert/strict'

import { axeViolations } from './accessibility.scenarios.mjs'
import { logInToAdmin } from './admin.scenarios.mjs'
import { editorREST } from './restAs.mjs'

const SUBSCRIBER = { email: 'premium@newsroom.test', password: 'reader-password-1' }
const PUBLIC_CUE = 'The tram leaves the depot at dawn.'
const PUBLIC_TRANSCRIPT = 'The first tram of the day leaves the depot.'
const PAID_SECRET = 'okapi-paidcaption-3391'

/** @param {string} cue */
const vtt = (cue) => `WEBVTT\n\n00:00:00.000 --> 00:00:30.000\n${cue}\n`

/** @typedef {{ baseURL: string, page: import('playwright-core').Page, shot: (name: string) => Promise<void> }} Args */

/** POSTs as the seeded editor; each must create (201). @param {string} baseURL */
const editorPost = async (baseURL) => {
  const api = await editorREST(baseURL)
  /** @param {string} pathname @param {unknown} body */
  return async (pathname, body) => {
    const { json, status } = await api('POST', pathname, body)
    assert.equal(status, 201, `POST ${pathname}: ${JSON.stringify(json)}`)
    return /** @type {{ doc: { id: string, slug: string } }} */ (json).doc
  }
}

/** @param {string} text */
const paragraph = (text) => ({
  type: 'paragraph',
  children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})
/** @param {string} id @param {string} video @param {string} caption */
const videoEmbed = (id, video, caption) => ({
  type: 'block',
  fields: { id, blockName: '', blockType: 'videoEmbed', caption, video },
  format: '',
  version: 2,
})

/** axe-core's violations on the page, by rule id (the accessibility scenarios report them in full). @param {import('playwright-core').Page} page */
const axeRules = async (page) => (await axeViolations(page)).map((violation) => violation.id)

/** The `<track>` elements of the nth player on the page. @param {import('playwright-core').Page} page @param {number} n */
const tracksOf = (page, n) =>
  page.evaluate(
    (index) =>
      [...(document.querySelectorAll('.body-video video')[index]?.querySelectorAll('track') ?? [])].map((t) => ({
        default: t.default,
        kind: t.kind,
        label: t.label,
        srclang: t.srclang,
      })),
    n,
  )

/** @type {[string, (args: Args) => Promise<void>][]} */
export const captionsScenarios = [
  [
    'captions: a video file plays with its caption tracks and transcript; a paid one keeps both for subscribers',
    async ({ baseURL, page, shot }) => {
      const post = await editorPost(baseURL)
      const stamp = Date.now()
      const open = await post('/videos', {
        _status: 'published',
        captions: [
          { default: true, label: 'English', language: 'en', vtt: vtt(PUBLIC_CUE) },
          { label: 'Deutsch', language: 'de', vtt: vtt('Die Tram verlässt das Depot.') },
        ],
        title: `Open tram film ${stamp}`,
        transcript: `${PUBLIC_TRANSCRIPT}\n\nIt is still dark.`,
        url: 'https://media.example.test/open-tram.mp4',
      })
      const paid = await post('/videos', {
        _status: 'published',
        captions: [{ default: true, label: 'English', language: 'en', vtt: vtt(`Subscribers hear ${PAID_SECRET}.`) }],
        title: `Paid tram film ${stamp}`,
        transcript: `The paid transcript: ${PAID_SECRET}.`,
        url: 'https://media.example.test/paid-tram.mp4',
        visibility: 'paid',
      })
      const article = await post('/articles', {
        _status: 'published',
        content: {
          root: {
            type: 'root',
            children: [
              paragraph('Two films about the tram.'),
              videoEmbed('665f0000000000000000cc01', open.id, 'The open film'),
              videoEmbed('665f0000000000000000cc02', paid.id, 'The paid film'),
            ],
            direction: 'ltr',
            format: '',
            indent: 0,
            version: 1,
          },
        },
        title: `Tram films ${stamp}`,
      })

      await page.goto(`/news/${article.slug}`)
      await page.getByText('The open film').waitFor()
      assert.deepEqual(await tracksOf(page, 0), [
        { default: true, kind: 'captions', label: 'English', srclang: 'en' },
        { default: false, kind: 'captions', label: 'Deutsch', srclang: 'de' },
      ])
      // The default track is shown, loaded (readyState 2) and its cue read from the WebVTT.
      await page.waitForFunction(
        (cue) => {
          const track = document.querySelector('.body-video video track[default]')
          const cues = track instanceof HTMLTrackElement ? track.track.cues : null
          return (
            track instanceof HTMLTrackElement &&
            track.readyState === 2 &&
            cues?.length === 1 &&
            cues[0] instanceof VTTCue &&
            cues[0].text === cue
          )
        },
        PUBLIC_CUE,
        { timeout: 15_000 },
      )
      const transcript = page.locator('.video-transcript').first()
      await transcript.getByText(/Transcript of/).click()
      await transcript.getByText(PUBLIC_TRANSCRIPT).waitFor()
      // The paid film: a note, no player, no tracks, no transcript — not in the markup either.
      await page.getByText(`“Paid tram film ${stamp}” is for subscribers.`).waitFor()
      assert.equal(await page.locator('.body-video video').count(), 1)
      assert.ok(
        !(await page.content()).includes(PAID_SECRET),
        'the paid video’s captions or transcript reached a visitor',
      )
      assert.deepEqual(await axeRules(page), [], 'axe-core on the page with a captioned video')
      await shot('captions-visitor')

      // A subscriber (the seeded one) gets the paid film's tracks and transcript.
      const login = await page.evaluate(
        async (body) =>
          (
            await fetch('/api/readers/login', {
              body: JSON.stringify(body),
              credentials: 'include',
              headers: { 'Content-Type': 'application/json' },
              method: 'POST',
            })
          ).status,
        SUBSCRIBER,
      )
      assert.equal(login, 200)
      await page.reload()
      await page.getByText('The paid film').waitFor()
      assert.equal(await page.locator('.body-video video').count(), 2)
      assert.deepEqual(await tracksOf(page, 1), [{ default: true, kind: 'captions', label: 'English', srclang: 'en' }])
      const paidTranscript = page.locator('.video-transcript').nth(1)
      await paidTranscript.getByText(/Transcript of/).click()
      await paidTranscript.getByText(PAID_SECRET, { exact: false }).waitFor()
      assert.deepEqual(await axeRules(page), [], 'axe-core on the page with two captioned videos')
      await shot('captions-subscriber')
    },
  ],
  [
    'captions: in the admin a track is loaded from a .vtt file; a file that is not WebVTT is refused with its reason',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      const video = await page.evaluate(async () => {
        const res = await fetch('/api/videos?where[title][equals]=Big%20Buck%20Bunny%20(MP4%20file)&depth=0', {
          credentials: 'include',
        })
        return (await res.json()).docs[0]
      })
      await page.goto(`${baseURL}/admin/collections/videos/${video.id}`)
      await page.locator('#field-captions').getByRole('button', { name: 'Show All' }).click()
      const text = page.locator('#field-captions__1__vtt')
      await text.waitFor()
      const before = await text.inputValue()
      const fileInput = page.getByLabel('Load from a .vtt file').nth(1)
      const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAus der Datei geladen.\n'
      await fileInput.setInputFiles({ buffer: Buffer.from(vtt), mimeType: 'text/vtt', name: 'de.vtt' })
      await page.waitForFunction((expected) => {
        const el = /** @type {HTMLTextAreaElement | null} */ (document.querySelector('#field-captions__1__vtt'))
        return el?.value === expected
      }, vtt)
      assert.notEqual(before, vtt)
      await fileInput.setInputFiles({
        buffer: Buffer.from('1\n00:00:01.000 --> 00:00:02.000\nNo header'),
        mimeType: 'text/vtt',
        name: 'bad.vtt',
      })
      await page.getByRole('alert').getByText('Not a WebVTT file: it must start with the line “WEBVTT”.').waitFor()
      assert.equal(await text.inputValue(), vtt, 'a refused file leaves the text as it was')
      await shot('captions-admin-vtt-file')
    },
  ],
  [
    'captions: in the admin an editor sees the seeded tracks; a second default track is refused and nothing is saved',
    async ({ baseURL, page, shot }) => {
      await logInToAdmin(page, baseURL)
      const find = async () =>
        page.evaluate(async () => {
          const res = await fetch('/api/videos?where[title][equals]=Big%20Buck%20Bunny%20(MP4%20file)&depth=0', {
            credentials: 'include',
          })
          return (await res.json()).docs[0]
        })
      const video = await find()
      await page.goto(`${baseURL}/admin/collections/videos/${video.id}`)
      const field = page.locator('#field-captions')
      await field.getByRole('button', { name: 'Show All' }).click()
      await page.locator('#field-captions__1__language').waitFor()
      assert.equal(await page.locator('#field-captions__0__language').inputValue(), 'en')
      assert.equal(await page.locator('#field-captions__1__label').inputValue(), 'Deutsch')
      // The admin sends each change to the server for the new form state: saving before that answer arrives lets it
      // land after the save's errors and clear them (an editor never clicks that fast; the test would).
      const formState = page
        .waitForResponse(
          (res) => res.request().method() === 'POST' && new URL(res.url()).pathname.startsWith('/admin'),
          {
            timeout: 10_000,
          },
        )
        .catch(() => null)
      await page.locator('#field-captions__1__default').check()
      await formState
      await page.locator('#action-save').click()
      // Payload's toast names both rows; each row is marked as erroneous and carries the message (in the field's
      // error tooltip, shown on hover: attached, not necessarily visible).
      await page.getByText('captions.1.default').first().waitFor()
      // Polled: the form re-renders the rows while it takes in the server's answer.
      await page.waitForFunction(
        () => document.querySelectorAll('#field-captions .array-field__row--has-errors').length === 2,
      )
      await field.getByText('Only one caption track can be the default.').first().waitFor({ state: 'attached' })
      await shot('captions-admin-two-defaults')
      const stored = await find()
      assert.deepEqual(
        stored.captions.map((/** @type {{ default: boolean }} */ track) => track.default),
        [true, false],
      )
    },
  ],
]
