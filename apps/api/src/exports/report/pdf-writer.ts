import { FallbackDocument } from './pdf-fallback';

/**
 * DejaVu Sans, embedded (only the glyphs used): the PDF's standard fonts cover Western European
 * letters only, and the names in a report are not all that (Welsh ŵ and ŷ, Polish ł, Greek ...).
 * Emoji come from Noto Emoji where DejaVu has no glyph (pdf-fallback.ts).
 */
const FONT_DIR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
export const FONTS = {
  body: `${FONT_DIR}DejaVuSans.ttf`,
  bold: `${FONT_DIR}DejaVuSans-Bold.ttf`,
  italic: `${FONT_DIR}DejaVuSans-Oblique.ttf`,
} as const;

export const INK = '#1d2330';
export const MUTED = '#5b6270';
export const WARN = '#8a1c1c';
const RULE = '#c8ccd4';
const HEAD = '#eef0f4';

type Font = keyof typeof FONTS;

export interface TextStyle {
  font?: Font;
  size?: number;
  color?: string;
  indent?: number;
  /** Space below, in lines. */
  gap?: number;
  link?: string | null;
}

export type Cell = string | { text: string; font?: Font; color?: string };

/** Layout on top of pdfkit: headings that never sit alone at a page's foot, paragraphs, tables. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;

  constructor(info: { title: string; author: string; subject: string; created: Date }) {
    this.doc = new FallbackDocument({
      size: 'A4',
      margins: { top: 48, bottom: 56, left: 48, right: 48 },
      font: FONTS.body,
      // Pages are kept until the end so each footer can say "page n of m"; the report is small.
      bufferPages: true,
      lang: 'en-GB',
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Waymark', CreationDate: info.created },
    }).withFallback(FONTS.bold);
  }

  get width(): number {
    const { page } = this.doc;
    return page.width - page.margins.left - page.margins.right;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  /** A new page unless `height` points still fit above the bottom margin. */
  keepSpace(height: number): this {
    const { page } = this.doc;
    if (this.doc.y + height > page.height - page.margins.bottom) this.doc.addPage();
    return this;
  }

  text(value: string, style: TextStyle = {}): this {
    const { font = 'body', size = 9, color = INK, indent = 0, gap = 0.25, link } = style;
    this.doc
      .font(FONTS[font])
      .fontSize(size)
      .fillColor(color)
      .text(value, this.left + indent, this.doc.y, { width: this.width - indent, link: link ?? undefined, underline: !!link });
    this.doc.moveDown(gap);
    return this;
  }

  /** A run of pieces in different styles on one wrapped paragraph. */
  runs(pieces: { text: string; font?: Font; color?: string }[], style: TextStyle = {}): this {
    const { size = 9, indent = 0, gap = 0.25 } = style;
    const shown = pieces.filter((p) => p.text);
    shown.forEach((piece, i) => {
      const last = i === shown.length - 1;
      this.doc
        .font(FONTS[piece.font ?? 'body'])
        .fontSize(size)
        .fillColor(piece.color ?? INK);
      if (i === 0) this.doc.text(piece.text, this.left + indent, this.doc.y, { width: this.width - indent, continued: !last });
      else this.doc.text(piece.text, { continued: !last });
    });
    this.doc.moveDown(gap);
    return this;
  }

  heading(value: string, level: 1 | 2 | 3 | 4): this {
    const size = { 1: 18, 2: 13, 3: 11, 4: 9.5 }[level];
    this.doc.moveDown(level === 1 ? 0 : level === 2 ? 0.8 : 0.5);
    this.keepSpace(size * 4);
    this.text(value, { font: 'bold', size, gap: 0.2 });
    if (level === 2) {
      const y = this.doc.y;
      this.doc.moveTo(this.left, y).lineTo(this.left + this.width, y).lineWidth(1).strokeColor(INK).stroke();
      this.doc.moveDown(0.3);
    }
    return this;
  }

  /** A table with a header row; `widths` in points, '*' sharing what is left. */
  table(header: string[], rows: Cell[][], widths: (number | '*')[], size = 8): this {
    const cell = (c: Cell, th = false) => {
      const value = typeof c === 'string' ? { text: c } : c;
      return {
        text: value.text,
        type: th ? ('TH' as const) : ('TD' as const),
        textColor: value.color ?? INK,
        font: { src: FONTS[th ? 'bold' : (value.font ?? 'body')], size },
        ...(th ? { backgroundColor: HEAD } : {}),
      };
    };
    this.keepSpace(size * 6);
    this.doc.font(FONTS.body).fontSize(size);
    this.doc.table({
      position: { x: this.left, y: this.doc.y },
      maxWidth: this.width,
      columnStyles: widths.map((width) => ({ width })),
      defaultStyle: { border: 0.5, borderColor: RULE, padding: [2, 3, 2, 3] },
      data: [header.map((h) => cell(h, true)), ...rows.map((r) => r.map((c) => cell(c)))],
    });
    this.doc.x = this.left;
    this.doc.moveDown(0.6);
    return this;
  }

  /** Writes each page's footer (in the bottom margin) and ends the document. */
  finish(footer: (page: number, pages: number) => string): PDFKit.PDFDocument {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const { page } = this.doc;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      this.doc
        .font(FONTS.body)
        .fontSize(7)
        .fillColor(MUTED)
        .text(footer(i + 1, range.count), page.margins.left, page.height - 34, { width: this.width, align: 'center', lineBreak: false });
      page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.doc;
  }
}
