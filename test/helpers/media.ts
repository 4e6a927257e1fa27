/** The smallest ISO-BMFF file Payload accepts as video/mp4: an `ftyp` box and an empty `mdat`. */
export const tinyMp4 = (): Buffer => {
  const ftyp = Buffer.alloc(24)
  ftyp.writeUInt32BE(24, 0)
  ftyp.write('ftypisom', 4, 'latin1')
  ftyp.writeUInt32BE(0x200, 12)
  ftyp.write('isommp42', 16, 'latin1')
  const mdat = Buffer.alloc(16)
  mdat.writeUInt32BE(16, 0)
  mdat.write('mdat', 4, 'latin1')
  return Buffer.concat([ftyp, mdat])
}
