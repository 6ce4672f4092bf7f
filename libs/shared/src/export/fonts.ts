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
