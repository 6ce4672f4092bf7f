import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { BadRequestError, Clock, ConflictError, notFound } from '@estate/shared';
import { AttachmentResponse } from './dto/work-order.dto';
import { WorkOrderAttachment } from './entities';
import { toAttachmentResponse } from './mappers';
import {
  ATTACHMENT_TYPES,
  detectAttachmentType,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_ORDER,
} from './attachment-type';
import { WORK_ORDER_ENTITY } from './work-order.constants';
import { WorkOrdersService } from './work-orders.service';

export interface UploadedAttachment {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Multipart file names arrive decoded as latin1 (busboy's default); browsers send UTF-8 bytes. */
function utf8FileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/** Photos and documents of a work order: JPEG/PNG/WebP/PDF up to 5 MB, at most 10 per order. */
@Injectable()
export class WorkOrderAttachmentsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly workOrders: WorkOrdersService,
  ) {}

  async upload(
    user: AuthenticatedUser,
    workOrderId: string,
    file: UploadedAttachment | undefined,
  ): Promise<AttachmentResponse> {
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
    return this.transactions.run(async (manager) => {
      const order = await this.workOrders.visibleOrder(manager, user, workOrderId);
      const existing = await manager.countBy(WorkOrderAttachment, { workOrderId: order.id });
      if (existing >= MAX_ATTACHMENTS_PER_ORDER)
        throw new ConflictError(
          'ATTACHMENT_LIMIT_REACHED',
          `Work order ${order.code} already has ${MAX_ATTACHMENTS_PER_ORDER} attachments`,
        );
      const now = this.clock.now();
      const attachment = manager.create(WorkOrderAttachment, {
        workOrderId: order.id,
        estateId: order.estateId,
        fileName,
        contentType,
        sizeBytes: file.size,
        content: file.buffer,
        uploadedById: user.id,
        uploadedByName: user.displayName,
        uploadedAt: now,
      });
      await manager.save(attachment);
      await this.audit.record(manager, {
        estateId: order.estateId,
        entityType: WORK_ORDER_ENTITY,
        entityId: order.id,
        action: 'attach',
        actor: { id: user.id, name: user.displayName },
        fromState: order.status,
        toState: order.status,
        at: now,
        details: { attachmentId: attachment.id, fileName, contentType, sizeBytes: file.size },
      });
      return toAttachmentResponse(attachment);
    });
  }

  /** The file's bytes, for whoever may see the order. */
  async download(
    user: AuthenticatedUser,
    workOrderId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const manager = this.transactions.dataSource.manager;
    await this.workOrders.visibleOrder(manager, user, workOrderId);
    const attachment = await manager
      .createQueryBuilder(WorkOrderAttachment, 'attachment')
      .addSelect('attachment.content')
      .where('attachment.id = :attachmentId AND attachment.work_order_id = :workOrderId', {
        attachmentId,
        workOrderId,
      })
      .getOne();
    if (!attachment) throw notFound('Attachment', attachmentId);
    return {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content),
    };
  }
}
