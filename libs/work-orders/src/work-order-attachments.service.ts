import { Injectable } from '@nestjs/common';
import { Attachment, AttachmentsService, StoredFile, UploadedAttachment } from '@estate/attachments';
import { AuthenticatedUser } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { Clock } from '@estate/shared';
import { AttachmentResponse } from './dto/work-order.dto';
import { toAttachmentResponse } from './mappers';
import { WORK_ORDER_ENTITY } from './work-order.constants';
import { WorkOrdersService } from './work-orders.service';

export type { UploadedAttachment };

/** Photos and documents of a work order, in the shared attachment store (libs/attachments). */
@Injectable()
export class WorkOrderAttachmentsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly workOrders: WorkOrdersService,
    private readonly attachments: AttachmentsService,
  ) {}

  async upload(
    user: AuthenticatedUser,
    workOrderId: string,
    file: UploadedAttachment | undefined,
  ): Promise<AttachmentResponse> {
    const upload = this.attachments.accept(file);
    return this.transactions.run(async (manager) => {
      const order = await this.workOrders.visibleOrder(manager, user, workOrderId);
      const now = this.clock.now();
      const actor = { id: user.id, name: user.displayName };
      const attachment = await this.attachments.store(
        manager,
        {
          type: WORK_ORDER_ENTITY,
          id: order.id,
          estateId: order.estateId,
          label: `Work order ${order.code}`,
        },
        upload,
        actor,
        now,
      );
      await this.audit.record(manager, {
        estateId: order.estateId,
        entityType: WORK_ORDER_ENTITY,
        entityId: order.id,
        action: 'attach',
        actor,
        fromState: order.status,
        toState: order.status,
        at: now,
        details: {
          attachmentId: attachment.id,
          fileName: attachment.fileName,
          contentType: attachment.contentType,
          sizeBytes: attachment.sizeBytes,
        },
      });
      return toAttachmentResponse(attachment);
    });
  }

  /** The file's bytes, for whoever may see the order. */
  async download(user: AuthenticatedUser, workOrderId: string, attachmentId: string): Promise<StoredFile> {
    const manager = this.transactions.dataSource.manager;
    await this.workOrders.visibleOrder(manager, user, workOrderId);
    return this.attachments.load(manager, WORK_ORDER_ENTITY, workOrderId, attachmentId);
  }

  list(workOrderId: string): Promise<Attachment[]> {
    return this.attachments.list(this.transactions.dataSource.manager, WORK_ORDER_ENTITY, workOrderId);
  }
}
