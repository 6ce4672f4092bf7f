import { Injectable } from '@nestjs/common';
import type { Role } from '@estate/auth';

export const LIVE_EVENT_TYPES = ['work-order.changed', 'complaint.changed'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** What a client receives (the SSE `data:` line, as JSON). */
export interface LiveEventPayload {
  id: string;
  estateId: string;
  code: string;
  status: string;
  /** The history action that caused it (`report`, `assign`, `hand_back`, `urge`, `judge` …). */
  action: string;
}

/**
 * One change, as published. Plain JSON all the way through, so a Redis pub/sub implementation can
 * carry it between instances unchanged.
 */
export interface LiveEvent {
  type: LiveEventType;
  payload: LiveEventPayload;
  /** Who may receive it: members of the estate with one of `staffRoles`; residents of `unitId`. */
  audience: { staffRoles: readonly Role[]; unitId: string | null };
}

export type LiveEventListener = (event: LiveEvent) => void;

/**
 * The live-event bus. Inject `LiveEvents`; publish only after the change committed
 * (`TransactionService.afterCommit`). This in-process implementation reaches the streams of this
 * instance only; with several instances, provide one backed by Redis pub/sub (publish → PUBLISH,
 * subscribe → a SUBSCRIBE connection fanning out locally) — callers do not change.
 */
export abstract class LiveEvents {
  abstract publish(event: LiveEvent): void;
  /** Returns the function that unsubscribes. */
  abstract subscribe(listener: LiveEventListener): () => void;
}

@Injectable()
export class InProcessLiveEvents extends LiveEvents {
  private readonly listeners = new Set<LiveEventListener>();

  publish(event: LiveEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Open subscriptions (tests check that a closed stream leaves none). */
  get subscriberCount(): number {
    return this.listeners.size;
  }
}
