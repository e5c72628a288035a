import PDFDocument from 'pdfkit';

/**
 * Noto Emoji (monochrome outlines, so pdfkit can embed them like any TrueType font), for the emoji
 * people write in notes, titles and names: DejaVu Sans has none of them, and a PDF has no font
 * fallback of its own, so they came out as nothing.
 */
const EMOJI_DIR = require.resolve('@expo-google-fonts/noto-emoji/package.json').replace(/package\.json$/, '');
export const EMOJI_FONTS = {
  regular: `${EMOJI_DIR}400Regular/NotoEmoji_400Regular.ttf`,
  bold: `${EMOJI_DIR}700Bold/NotoEmoji_700Bold.ttf`,
} as const;

/** What pdfkit's embedded fonts offer that its published types leave out. */
interface EmbeddedFont {
  id: string;
  ascender: number;
  font: { hasGlyphForCodePoint(codePoint: number): boolean };
  widthOfString(text: string, size: number, features?: unknown): number;
}
type Options = PDFKit.Mixins.TextOptions & { lineWidth?: number; textWidth?: number };
interface Internals {
  _font: EmbeddedFont;
  _fontSize: number;
  _fragment(text: string, x: number, y: number, options: Options): void;
  widthOfString(text: string, options?: Options): number;
}

// Joiners and presentation selectors belong to the emoji around them, whichever font that is.
const JOINING = new Set([0x200d, 0xfe0e, 0xfe0f]);
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const base = PDFDocument.prototype as unknown as Internals;

/**
 * A PDF document that writes each character the current font lacks in the matching Noto Emoji
 * instead. pdfkit measures every word through widthOfString and draws every piece of a line
 * through _fragment, so overriding those two gives paragraphs, wrapping and table cells alike
 * the fallback. The emoji sit on the text's baseline.
 */
export class FallbackDocument extends PDFDocument {
  private fallback: { emoji: EmbeddedFont; emojiBold: EmbeddedFont; bold: EmbeddedFont } | null = null;

  /** Loads the emoji fonts beside the document's own; `bold` is the own font whose emoji are bold too. */
  withFallback(bold: string): this {
    const self = this as unknown as Internals;
    const [own, size] = [self._font, self._fontSize];
    const load = (src: string) => {
      this.font(src);
      return self._font;
    };
    this.fallback = { emoji: load(EMOJI_FONTS.regular), emojiBold: load(EMOJI_FONTS.bold), bold: load(bold) };
    self._font = own;
    self._fontSize = size;
    return this;
  }

  /** The text cut where the font changes: [text, the font to write it in (null: the current one)]. */
  private runs(text: string): [string, EmbeddedFont | null][] {
    const own = (this as unknown as Internals)._font;
    const fallback = this.fallback;
    // Latin text (nearly all of it) goes straight through.
    if (!fallback || !/[^\t\n\r\u0020-\u024f]/.test(text) || own === fallback.emoji || own === fallback.emojiBold) return [[text, null]];
    const emoji = own === fallback.bold ? fallback.emojiBold : fallback.emoji;
    const runs: [string, EmbeddedFont | null][] = [];
    for (const { segment } of graphemes.segment(text)) {
      const points = [...segment].map((c) => c.codePointAt(0)!);
      // A character the font lacks, or one asked to look like an emoji (U+FE0F after it).
      const lacking = points.some((p) => !JOINING.has(p) && !own.font.hasGlyphForCodePoint(p)) || (points.length > 1 && points.includes(0xfe0f));
      const font = lacking && emoji.font.hasGlyphForCodePoint(points[0]!) ? emoji : null;
      const last = runs[runs.length - 1];
      if (last && last[1] === font) last[0] += segment;
      else runs.push([segment, font]);
    }
    return runs;
  }

  private runWidth(piece: string, font: EmbeddedFont | null, options: Options): number {
    return font ? font.widthOfString(piece, (this as unknown as Internals)._fontSize) : base.widthOfString.call(this, piece, options);
  }

  override widthOfString(text: string, options: Options = {}): number {
    return this.runs(text).reduce((sum, [piece, font]) => sum + this.runWidth(piece, font, options), 0);
  }

  /** One piece of a line: each run in its own font, one after the other, on the same baseline. */
  _fragment(text: string, x: number, y: number, options: Options): void {
    const runs = this.runs(text.replace(/\n/g, ''));
    if (runs.length === 1 && runs[0]![1] === null) return base._fragment.call(this, text, x, y, options);
    const self = this as unknown as Internals;
    const own = self._font;
    // Aligned as a whole, then written run by run from the left.
    const width = this.widthOfString(text.replace(/\n/g, '').replace(/\s+$/, ''), options);
    const lineWidth = typeof options.lineWidth === 'number' ? options.lineWidth : width;
    let at = x + (options.align === 'right' ? lineWidth - width : options.align === 'center' ? (lineWidth - width) / 2 : 0);
    for (const [piece, font] of runs) {
      // pdfkit hangs text from its font's ascender: put an emoji on the text's baseline.
      const dy = font ? ((own.ascender - font.ascender) / 1000) * self._fontSize : 0;
      if (font) self._font = font;
      try {
        base._fragment.call(this, piece, at, y + dy, { ...options, align: 'left', textWidth: undefined, wordSpacing: 0 });
      } finally {
        self._font = own;
      }
      at += this.runWidth(piece, font, options);
    }
  }
}
