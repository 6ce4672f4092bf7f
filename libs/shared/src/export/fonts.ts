import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Noto Sans SC (OFL-1.1) from @embedpdf/fonts-sc, for Chinese text in PDFs (pdfkit's own fonts have
 * no CJK glyphs). Resolved with a runtime `require` made by `createRequire`, which webpack leaves
 * alone: a plain `require.resolve` would be rewritten into a bundle module id in the built app.
 */
export function chineseFontPath(weight: 'regular' | 'bold' = 'regular'): string {
  const runtimeRequire = createRequire(__filename);
  const file = weight === 'bold' ? 'NotoSansHans-Bold.otf' : 'NotoSansHans-Regular.otf';
  return join(dirname(runtimeRequire.resolve('@embedpdf/fonts-sc')), '..', 'fonts', file);
}

/** A font as parsed by fontkit (pdfkit ≥ 0.16 accepts one wherever it accepts font bytes). */
export interface ParsedFont {
  layout(...args: unknown[]): unknown;
}

let parsed: { regular: ParsedFont; bold: ParsedFont } | undefined;

/**
 * Noto Sans SC (regular and bold), read AND parsed once per process, for every PDF (monthly
 * reports, receipts): given the 8 MB files as bytes pdfkit re-parses them for every document (~70 MB
 * and ~0.3–0.9 s of CPU per PDF, docs/performance.md). The parser is the fontkit pdfkit itself
 * depends on (resolved from pdfkit, so the versions always match); each document still builds its
 * own subset of the glyphs it uses. Register with `registerChineseFonts(doc)`.
 */
export function parsedChineseFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsed) {
    const runtimeRequire = createRequire(__filename);
    const fontkit = createRequire(runtimeRequire.resolve('pdfkit'))('fontkit') as {
      create(buffer: Buffer): ParsedFont;
    };
    parsed = {
      regular: fontkit.create(readFileSync(chineseFontPath('regular'))),
      bold: fontkit.create(readFileSync(chineseFontPath('bold'))),
    };
  }
  return parsed;
}

/** Registers the parsed fonts on a pdfkit document as `regular` and `bold`. */
export function registerChineseFonts(document: {
  registerFont(name: string, source: Buffer): unknown;
}): void {
  const { regular, bold } = parsedChineseFonts();
  // @types/pdfkit predates parsed fonts as a source; pdfkit's PDFFontFactory takes them as they are.
  document.registerFont('regular', regular as unknown as Buffer);
  document.registerFont('bold', bold as unknown as Buffer);
}
