import { inflateSync } from 'node:zlib'

/**
 * WOFF 1 → plain TrueType/OpenType bytes. fontkit inflates a WOFF table (in JavaScript) every time it reads
 * one, which made each PDF spend seconds decompressing; done once here with zlib, the fonts parse at TTF speed.
 * Anything that is not WOFF comes back unchanged.
 */
export const woffToSfnt = (woff: Buffer): Buffer => {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') return woff
  const flavor = woff.readUInt32BE(4)
  const numTables = woff.readUInt16BE(12)
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compLength = woff.readUInt32BE(at + 8)
    const origLength = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compLength)
    return {
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
      tag: woff.subarray(at, at + 4),
    }
  })
  let entrySelector = 0
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++
  const searchRange = 2 ** entrySelector * 16
  const headerSize = 12 + numTables * 16
  const size = tables.reduce((sum, table) => sum + ((table.data.length + 3) & ~3), headerSize)
  const out = Buffer.alloc(size)
  out.writeUInt32BE(flavor, 0)
  out.writeUInt16BE(numTables, 4)
  out.writeUInt16BE(searchRange, 6)
  out.writeUInt16BE(entrySelector, 8)
  out.writeUInt16BE(numTables * 16 - searchRange, 10)
  let offset = headerSize
  tables.forEach((table, i) => {
    const at = 12 + i * 16
    table.tag.copy(out, at)
    out.writeUInt32BE(table.checksum, at + 4)
    out.writeUInt32BE(offset, at + 8)
    out.writeUInt32BE(table.data.length, at + 12)
    table.data.copy(out, offset)
    offset += (table.data.length + 3) & ~3
  })
  return out
}
