import { applyDecorators, StreamableFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { ApiFileResponse } from '@estate/shared';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachment-type';
import type { StoredFile } from './attachments.service';

/**
 * The HTTP body for a download: stored content type and UTF-8 file name. Photos are shown inline; a
 * PDF is uploaded by anyone who may attach and can carry scripts and links, so it is downloaded
 * (`attachment`) and opened by the reader's own viewer, never rendered on our origin.
 */
export function attachmentBody(file: StoredFile): StreamableFile {
  const disposition = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
  return new StreamableFile(file.content, {
    type: file.contentType,
    length: file.content.length,
    disposition: `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

/** An upload route: one multipart field `file`, size-limited before it reaches the service, documented in OpenAPI. */
export function AttachmentUpload() {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } })),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary' } },
        required: ['file'],
      },
    }),
  );
}

/** A download route, documented with the content types attachments can have. */
export function AttachmentDownload() {
  return ApiFileResponse('The attachment bytes with their stored content type', ...ATTACHMENT_TYPES);
}
