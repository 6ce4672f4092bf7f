import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `delay` ms (type-ahead without a request per key). */
export function useDebounced<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** A phone number (full or its last 4 digits) or a building/room ("3-1203", "3栋1203"). */
export function lookupParams(text: string): { phone?: string; q?: string } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/[\s\-+]/g, '');
  // 4 digits alone are a phone's last four; 7+ digits a whole number; anything else a place.
  if (/^\d{4}$/.test(trimmed) || /^(86)?\d{7,}$/.test(digits)) return { phone: trimmed };
  return { q: trimmed };
}
