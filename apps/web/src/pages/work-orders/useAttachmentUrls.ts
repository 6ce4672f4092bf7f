import { useEffect, useState } from 'react';
import { session } from '../../auth/session';

interface Attachment {
  id: string;
  contentType: string;
}

/**
 * Object URLs of an order's image attachments. The download needs the bearer token (an <img src>
 * cannot send it), so each image is fetched as a blob; the URLs are revoked when the list changes
 * or the screen closes.
 */
export function useAttachmentUrls(workOrderId: string, attachments: readonly Attachment[]) {
  const [urls, setUrls] = useState<Record<string, string>>({});
  const images = attachments.filter((file) => file.contentType.startsWith('image/'));
  const key = images.map((file) => file.id).join(',');

  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const created: string[] = [];
    void Promise.all(
      key.split(',').map(async (id) => {
        try {
          const response = await fetch(`/api/v1/work-orders/${workOrderId}/attachments/${id}`, {
            headers: { Authorization: `Bearer ${session.token() ?? ''}` },
            signal: controller.signal,
          });
          if (!response.ok) return;
          const url = URL.createObjectURL(await response.blob());
          created.push(url);
          if (!controller.signal.aborted) setUrls((current) => ({ ...current, [id]: url }));
        } catch {
          // aborted or offline: the thumbnail stays a placeholder
        }
      }),
    );
    return () => {
      controller.abort();
      for (const url of created) URL.revokeObjectURL(url);
      setUrls({});
    };
  }, [workOrderId, key]);

  return urls;
}

/** Opens a non-image attachment (a PDF) in a new tab, fetched with the token. */
export async function openAttachment(workOrderId: string, attachmentId: string): Promise<void> {
  const response = await fetch(`/api/v1/work-orders/${workOrderId}/attachments/${attachmentId}`, {
    headers: { Authorization: `Bearer ${session.token() ?? ''}` },
  });
  if (!response.ok) return;
  const url = URL.createObjectURL(await response.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
