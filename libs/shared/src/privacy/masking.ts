/** `13812345678` → `138****5678`: phone numbers in lists show only the first 3 and last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length <= 7)
    return `${digits.slice(0, 1)}${'*'.repeat(Math.max(digits.length - 2, 1))}${digits.slice(-1)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** `张三丰` → `张**`: names in shared exports keep the family name only. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const characters = Array.from(name);
  return characters[0] + '*'.repeat(Math.max(characters.length - 1, 1));
}
