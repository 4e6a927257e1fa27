// fontkit (the font engine inside pdfkit) ships no type definitions: the little the print fonts use.
declare module 'fontkit' {
  export type Font = {
    characterSet: number[]
    hasGlyphForCodePoint: (codePoint: number) => boolean
    postscriptName: string
  }
  export const create: (buffer: Buffer | Uint8Array) => Font
}
