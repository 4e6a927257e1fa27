/**
 * The fonts PDFs (and, when asked, the print view) are set in: three stacks of font sources tried in order,
 * character by character. A source is an npm package of the Fontsource layout (`@fontsource/<family>`, which
 * ships one file per unicode-range subset and weight) or explicit font files. Only names live in the options;
 * files are found and read on first use (see fontFaces.ts).
 */
export type PrintFontFiles = {
  bold?: string
  boldItalic?: string
  italic?: string
  /** TrueType/OpenType/WOFF file (path); WOFF2 files with composite glyphs do not subset in fontkit 2: prefer WOFF. */
  regular: string
}

/** `@fontsource/<family>` package name, or explicit files. */
export type PrintFontSource = PrintFontFiles | string

export type PrintFontStacks = {
  /** Tried after the stack of the text's own family: other scripts (Arabic, Hebrew, Devanagari, CJK, emoji). */
  fallback: PrintFontSource[]
  /** Code samples. */
  mono: PrintFontSource[]
  /** Publisher line, byline, notices, footer. */
  sans: PrintFontSource[]
  /** Body text and headings. */
  serif: PrintFontSource[]
  /**
   * `'standard'`: the 14 PDF standard fonts, nothing embedded (WinAnsi: Western European letters only, every
   * other character becomes the placeholder). Small and fast; the embedded stacks are the default.
   */
  kind: 'embedded' | 'standard'
}

/** Scripts whose fonts are small enough to ship with the plugin. CJK packages are opt-in (README: Print fonts). */
export const DEFAULT_PRINT_FALLBACK_FONTS: PrintFontSource[] = [
  '@fontsource/noto-sans',
  '@fontsource/noto-sans-arabic',
  '@fontsource/noto-sans-hebrew',
  '@fontsource/noto-sans-devanagari',
  '@fontsource/noto-emoji',
]

export const defaultPrintFonts = (): PrintFontStacks => ({
  fallback: [...DEFAULT_PRINT_FALLBACK_FONTS],
  kind: 'embedded',
  mono: [],
  sans: ['@fontsource/noto-sans'],
  serif: ['@fontsource/noto-serif'],
})

/** What `print.fonts` accepts. */
export type PrintFontsOption =
  'standard' | (Partial<Omit<PrintFontStacks, 'kind'>> & { extraFallback?: PrintFontSource[] })

/** Options → stacks: a stack left out keeps its default; `extraFallback` is appended (the way to add CJK). */
export const resolvePrintFonts = (
  fonts: 'standard' | (Partial<Omit<PrintFontStacks, 'kind'>> & { extraFallback?: PrintFontSource[] }) | undefined,
): PrintFontStacks => {
  const defaults = defaultPrintFonts()
  if (fonts === 'standard') return { ...defaults, kind: 'standard' }
  return {
    fallback: [...(fonts?.fallback ?? defaults.fallback), ...(fonts?.extraFallback ?? [])],
    kind: 'embedded',
    mono: fonts?.mono ?? defaults.mono,
    sans: fonts?.sans ?? defaults.sans,
    serif: fonts?.serif ?? defaults.serif,
  }
}
