import type { Payload } from 'payload'

import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'

import type { PrintableImage } from '../printableArticle.js'

/** Widest image the PDF needs (A4 text width at about 200 dpi); larger renditions only add bytes. */
export const PDF_IMAGE_TARGET_WIDTH = 1200
const MAX_IMAGE_BYTES = 15 * 1024 * 1024
const FETCH_TIMEOUT_MS = 5000
const CONCURRENCY = 4

/** The rendition to embed: the smallest at least `target` wide, else the widest there is. */
export const pickRendition = (
  image: Pick<PrintableImage, 'filename' | 'sizes' | 'url' | 'width'>,
  target = PDF_IMAGE_TARGET_WIDTH,
): { filename: null | string; url: string } => {
  const candidates = [
    ...(image.width ? [{ filename: image.filename, url: image.url, width: image.width }] : []),
    ...image.sizes.filter((size) => size.url).map((size) => ({ ...size, url: size.url! })),
  ]
  if (!candidates.length) return { filename: image.filename, url: image.url }
  const wideEnough = candidates.filter((c) => c.width >= target).sort((a, b) => a.width - b.width)
  const best = wideEnough[0] ?? candidates.sort((a, b) => b.width - a.width)[0]!
  return { filename: best.filename, url: best.url }
}

const isJPEG = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
const isPNG = (bytes: Uint8Array) => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
const isSVG = (bytes: Uint8Array) =>
  /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(Buffer.from(bytes.subarray(0, 512)).toString('utf8'))

/** Upload collections whose files Payload keeps on the local disk (no storage adapter). */
const localStaticDir = (payload: Payload, collection: string): null | string => {
  const upload = payload.collections[collection]?.config.upload
  if (!upload || upload.disableLocalStorage || upload.handlers?.length) return null
  return path.resolve(upload.staticDir || collection)
}

/** Where a Payload file URL (`<api>/<collection>/file/<name>`) lives on disk, when it is stored locally. */
export const localFilePath = (
  payload: Payload,
  ref: { collection: null | string; filename: null | string; url: string },
): null | string => {
  let collection = ref.collection
  let filename = ref.filename
  const pathname = new URL(ref.url, 'http://localhost').pathname
  const api = payload.config.routes.api.replace(/\/$/, '')
  const match = pathname.startsWith(`${api}/`) ? /^\/([^/]+)\/file\/([^/]+)$/.exec(pathname.slice(api.length)) : null
  if (match) {
    try {
      collection = decodeURIComponent(match[1]!)
      filename = decodeURIComponent(match[2]!)
    } catch {
      return null
    }
  }
  if (!collection || !filename) return null
  const dir = localStaticDir(payload, collection)
  if (!dir) return null
  const file = path.resolve(dir, filename)
  // Never leave the upload directory, whatever the stored name says.
  return file.startsWith(dir + path.sep) ? file : null
}

const readLocal = async (file: string): Promise<null | Uint8Array> => {
  const info = await stat(file).catch(() => null)
  if (!info?.isFile() || info.size > MAX_IMAGE_BYTES) return null
  return readFile(file)
}

const fetchRemote = async (url: string, serverURL: string): Promise<null | Uint8Array> => {
  let target: URL
  try {
    target = new URL(url, serverURL || undefined)
  } catch {
    return null // relative URL and no serverURL to resolve it against
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return null
  const response = await fetch(target, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
  if (!response.ok || !response.body) return null
  if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) return null
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size > MAX_IMAGE_BYTES) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** PDF standard image formats are JPEG and PNG; others go through the host's sharp when configured. */
const toEmbeddable = async (payload: Payload, bytes: Uint8Array): Promise<null | Uint8Array> => {
  if (isJPEG(bytes) || isPNG(bytes)) return bytes
  // SVG would need a renderer and can reference external resources: not embedded.
  if (isSVG(bytes) || !payload.config.sharp) return null
  return payload.config.sharp(Buffer.from(bytes)).png().toBuffer()
}

const loadOne = async (payload: Payload, image: PrintableImage): Promise<null | Uint8Array> => {
  const rendition = pickRendition(image)
  const file = localFilePath(payload, {
    collection: image.collection,
    filename: rendition.filename,
    url: rendition.url,
  })
  const bytes = file ? await readLocal(file) : await fetchRemote(rendition.url, payload.config.serverURL)
  return bytes ? toEmbeddable(payload, bytes) : null
}

/**
 * Loads the bytes of every image the PDF shows, keyed by the image URL. An image that cannot be
 * read (missing file, unreachable, too large, unsupported format) is simply absent: the PDF goes without it.
 */
export const loadPdfImages = async (payload: Payload, images: PrintableImage[]): Promise<Map<string, Uint8Array>> => {
  const unique = [...new Map(images.map((image) => [image.url, image])).values()]
  const loaded = new Map<string, Uint8Array>()
  let next = 0
  const worker = async () => {
    while (next < unique.length) {
      const image = unique[next++]!
      try {
        const bytes = await loadOne(payload, image)
        if (bytes) loaded.set(image.url, bytes)
        else payload.logger.warn({ msg: 'PDF: image left out (unreadable or unsupported)', url: image.url })
      } catch (error) {
        payload.logger.warn({ err: error, msg: 'PDF: image left out', url: image.url })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, unique.length) }, worker))
  return loaded
}
