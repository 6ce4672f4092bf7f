/** m² with at most two decimals ↔ exact integer hundredths. */
export function areaToHundredths(squareMetres: number): number {
  const hundredths = Math.round(squareMetres * 100);
  if (!Number.isSafeInteger(hundredths) || Math.abs(squareMetres * 100 - hundredths) > 1e-6) {
    throw new RangeError(`Area must have at most two decimals: ${squareMetres}`);
  }
  return hundredths;
}

export function hundredthsToArea(hundredths: number | null): number | null {
  return hundredths === null ? null : hundredths / 100;
}
