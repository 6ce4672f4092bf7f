/** A quantity with at most two decimals ↔ exact integer hundredths (12.5 m² → 1250). */
export function toHundredths(quantity: number): number {
  const hundredths = Math.round(quantity * 100);
  if (!Number.isSafeInteger(hundredths) || Math.abs(quantity * 100 - hundredths) > 1e-6)
    throw new RangeError(`At most two decimals: ${quantity}`);
  return hundredths;
}

/** Parses `12.5` / `12.50` / `3` from a spreadsheet cell exactly (no float rounding); null if not a positive number. */
export function parseQuantity(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return null;
  const [whole, decimals = ''] = text.trim().split('.');
  const hundredths = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return hundredths > 0 && Number.isSafeInteger(hundredths) ? hundredths : null;
}

export function toMicroDegrees(degrees: number | undefined): number | null {
  return degrees === undefined ? null : Math.round(degrees * 1_000_000);
}
