import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { session } from '../auth/session';

export interface LiveEvent {
  type: string;
  data: { id?: string; estateId?: string; code?: string; status?: string; action?: string };
}

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();

/** Screens that want to react to a live event themselves (a toast, a highlight) subscribe here. */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Which cached queries an event makes stale. */
const INVALIDATES: Record<string, string[]> = {
  'work-order.changed': ['work-orders', 'work-order', 'units-lookup'],
  'complaint.changed': ['complaints', 'complaint', 'units-lookup'],
};

/**
 * Server-Sent Events from `GET /api/v1/events?estateId=`, read with fetch so the token travels in
 * the Authorization header (EventSource cannot send one, and a token in a URL ends up in logs).
 * Each event invalidates the react-query caches it touches; the stream reconnects with back-off.
 */
export function useLiveEvents(estateId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!estateId) return;
    const controller = new AbortController();
    let attempt = 0;
    let stopped = false;

    const dispatch = (event: LiveEvent) => {
      for (const key of INVALIDATES[event.type] ?? [])
        void queryClient.invalidateQueries({ queryKey: [key] });
      for (const listener of listeners) listener(event);
    };

    const connect = async () => {
      while (!stopped) {
        const token = session.token();
        if (!token) return;
        try {
          const response = await fetch(`/api/v1/events?estateId=${encodeURIComponent(estateId)}`, {
            headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (response.status === 401) {
            session.expire();
            return;
          }
          if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
          attempt = 0;
          // A reconnect may have missed events: refresh what is on screen.
          for (const keys of Object.values(INVALIDATES))
            for (const key of keys) void queryClient.invalidateQueries({ queryKey: [key] });
          await readStream(response.body, dispatch);
        } catch {
          if (stopped) return;
        }
        attempt += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))),
        );
      }
    };
    void connect();
    return () => {
      stopped = true;
      controller.abort();
    };
  }, [estateId, queryClient]);
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  dispatch: (event: LiveEvent) => void,
): Promise<void> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>)
    .getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length === 0) continue;
      try {
        dispatch({ type, data: JSON.parse(data.join('\n')) as LiveEvent['data'] });
      } catch {
        // not JSON: ignore
      }
    }
  }
}
