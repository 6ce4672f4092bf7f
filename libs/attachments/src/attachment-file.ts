import { StreamableFile } from '@nestjs/common';
import type { StoredFile } from './attachments.service';

/** The HTTP body for a download: stored content type, inline, UTF-8 file name. */
export function attachmentBody(file: StoredFile): StreamableFile {
  return new StreamableFile(file.content, {
    type: file.contentType,
    length: file.content.length,
    disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

export const ATTACHMENT_UPLOAD_SCHEMA = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
};
