import { applyDecorators, StreamableFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { ApiFileResponse } from '@estate/shared';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachment-type';
import type { StoredFile } from './attachments.service';

/** The HTTP body for a download: stored content type, inline, UTF-8 file name. */
export function attachmentBody(file: StoredFile): StreamableFile {
  return new StreamableFile(file.content, {
    type: file.contentType,
    length: file.content.length,
    disposition: `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
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
