import { Injectable } from '@nestjs/common';
import { AuditActor } from '@estate/database';
import { BadRequestError, ConflictError, notFound } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { Attachment } from './attachment.entity';
import {
  ATTACHMENT_TYPES,
  AttachmentType,
  detectAttachmentType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_RECORD,
} from './attachment-type';

/** What multer hands over for a multipart field. */
export interface UploadedAttachment {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface AttachmentOwner {
  type: string;
  id: string;
  estateId: string;
  /** For messages: `WO-2026-000123` */
  label: string;
}

export interface StoredFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Multipart file names arrive decoded as latin1 (busboy's default); browsers send UTF-8 bytes. */
function utf8FileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/**
 * Attachments of any record: JPEG/PNG/WebP/PDF recognised by their first bytes (not the client's
 * claim), at most 5 MB each and 10 per record, stored in the `attachments` table. Callers check
 * that the user may see the owner record first, and pass their transaction's manager.
 */
@Injectable()
export class AttachmentsService {
  /** Checks the upload before anything is written: 400 with a code for a missing, oversized or disallowed file. */
  accept(file: UploadedAttachment | undefined): {
    fileName: string;
    contentType: AttachmentType;
    file: UploadedAttachment;
  } {
    if (!file || file.size === 0)
      throw new BadRequestError(
        'ATTACHMENT_REQUIRED',
        'Send one non-empty file in the multipart field `file`',
      );
    if (file.size > MAX_ATTACHMENT_BYTES)
      throw new BadRequestError('ATTACHMENT_TOO_LARGE', `Files may be at most ${MAX_ATTACHMENT_BYTES} bytes`);
    const contentType = detectAttachmentType(file.buffer);
    if (!contentType)
      throw new BadRequestError(
        'ATTACHMENT_TYPE_NOT_ALLOWED',
        `Only ${ATTACHMENT_TYPES.join(', ')} files are accepted`,
        { allowed: ATTACHMENT_TYPES },
      );
    const fileName = utf8FileName(file.originalname || 'attachment')
      .replace(/[\\/\r\n"]/g, '_')
      .slice(0, 200);
    return { fileName, contentType, file };
  }

  async store(
    manager: EntityManager,
    owner: AttachmentOwner,
    upload: ReturnType<AttachmentsService['accept']>,
    actor: AuditActor,
    at: Date,
  ): Promise<Attachment> {
    const existing = await manager.countBy(Attachment, { ownerType: owner.type, ownerId: owner.id });
    if (existing >= MAX_ATTACHMENTS_PER_RECORD) {
      throw new ConflictError(
        'ATTACHMENT_LIMIT_REACHED',
        `${owner.label} already has ${MAX_ATTACHMENTS_PER_RECORD} attachments`,
      );
    }
    const attachment = manager.create(Attachment, {
      estateId: owner.estateId,
      ownerType: owner.type,
      ownerId: owner.id,
      fileName: upload.fileName,
      contentType: upload.contentType,
      sizeBytes: upload.file.size,
      content: upload.file.buffer,
      uploadedById: actor.id,
      uploadedByName: actor.name ?? '',
      uploadedAt: at,
    });
    await manager.save(attachment);
    return attachment;
  }

  /** Metadata of a record's attachments, oldest first (no bytes). */
  list(manager: EntityManager, ownerType: string, ownerId: string): Promise<Attachment[]> {
    return manager.find(Attachment, {
      where: { ownerType, ownerId },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
  }

  /** One attachment's bytes, or 404 when it does not belong to that record. */
  async load(
    manager: EntityManager,
    ownerType: string,
    ownerId: string,
    attachmentId: string,
  ): Promise<StoredFile> {
    const attachment = await manager
      .createQueryBuilder(Attachment, 'attachment')
      .addSelect('attachment.content')
      .where(
        'attachment.id = :attachmentId AND attachment.owner_type = :ownerType AND attachment.owner_id = :ownerId',
        { attachmentId, ownerType, ownerId },
      )
      .getOne();
    if (!attachment) throw notFound('Attachment', attachmentId);
    return {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content),
    };
  }
}
