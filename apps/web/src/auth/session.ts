import { useSyncExternalStore } from 'react';
import type { components } from '../api/schema';

export type SessionUser = components['schemas']['UserResponse'];
export type Role = SessionUser['role'];

interface Stored {
  token: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'estate-ops.session';
const listeners = new Set<() => void>();
let current: Stored | null = read();
/** Why the last session ended, shown once on the sign-in page. */
let endedBecause: 'expired' | null = null;

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored;
    return stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** The signed-in person: a JWT and the user it belongs to, kept in localStorage across reloads. */
export const session = {
  token: (): string | null => (current && current.expiresAt > Date.now() ? current.token : null),
  user: (): SessionUser | null => current?.user ?? null,
  start(token: string, expiresInSeconds: number, user: SessionUser): void {
    current = { token, expiresAt: Date.now() + expiresInSeconds * 1000, user };
    endedBecause = null;
    localStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  update(user: SessionUser): void {
    if (!current) return;
    current = { ...current, user };
    localStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  end(): void {
    current = null;
    localStorage.removeItem(KEY);
    emit();
  },
  /** The API said 401: the token expired or was revoked (password changed elsewhere). */
  expire(): void {
    if (!current) return;
    endedBecause = 'expired';
    session.end();
  },
  takeEndReason(): 'expired' | null {
    const reason = endedBecause;
    endedBecause = null;
    return reason;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// A token that runs out while the page is open ends the session at that moment, not at the next click.
setInterval(() => {
  if (current && current.expiresAt <= Date.now()) session.expire();
}, 15_000);

export function useSessionUser(): SessionUser | null {
  return useSyncExternalStore(session.subscribe, () => current?.user ?? null);
}
