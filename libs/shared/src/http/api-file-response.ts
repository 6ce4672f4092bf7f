import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_CONTENT_TYPE = 'application/pdf';

/** Documents a download (xlsx, pdf, an attachment) in OpenAPI as a binary body of the given types. */
export function ApiFileResponse(description: string, ...contentTypes: string[]) {
  const types = contentTypes.length ? contentTypes : ['application/octet-stream'];
  return applyDecorators(
    ApiProduces(...types),
    ApiOkResponse({
      description,
      content: Object.fromEntries(
        types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    }),
  );
}
