import { Injectable } from '@nestjs/common';
import { Clock, uuidV7 } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditActor {
  id: string | null;
  name: string | null;
}

export interface AuditRecord {
  estateId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actor: AuditActor;
  fromState?: string | null;
  toState?: string | null;
  note?: string | null;
  details?: Record<string, unknown> | null;
  at?: Date;
}

/** Writes audit rows inside the caller's transaction, so a change and its trail commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
    const entry = manager.create(AuditEntry, {
      id: uuidV7(),
      estateId: record.estateId,
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      fromState: record.fromState ?? null,
      toState: record.toState ?? null,
      actorId: record.actor.id,
      actorName: record.actor.name,
      at: record.at ?? this.clock.now(),
      note: record.note ?? null,
      details: record.details ?? null,
    });
    await manager.insert(AuditEntry, entry as never);
    return entry;
  }

  /** The trail of one record, oldest first. */
  async history(manager: EntityManager, entityType: string, entityId: string): Promise<AuditEntry[]> {
    return manager.find(AuditEntry, { where: { entityType, entityId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
