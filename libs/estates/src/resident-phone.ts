import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, InsertEvent, ObjectLiteral, UpdateEvent } from 'typeorm';
import { Resident } from './entities';

/** The last four digits of a phone number (`+86 138-1234-5678` → `5678`); null with fewer than four. */
export function phoneLast4(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Digits only, for comparing a typed number with a stored one whatever the spacing. */
export function phoneDigits(phone: string | null | undefined): string {
  return (phone ?? '').replace(/\D/g, '');
}

/**
 * Keeps `residents.phone_last4` equal to `phoneLast4(phone)` on every insert and update made through
 * TypeORM — `save`, `insert` and query-builder inserts/updates (the registry, the bulk import, the demo
 * seed and the generator all write residents differently), so no writer has to remember it.
 */
@Injectable()
export class ResidentPhoneSubscriber implements EntitySubscriberInterface<Resident> {
  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof Resident {
    return Resident;
  }

  beforeInsert(event: InsertEvent<Resident>): void {
    event.entity.phoneLast4 = phoneLast4(event.entity.phone);
  }

  beforeUpdate(event: UpdateEvent<Resident>): void {
    const values: ObjectLiteral | undefined = event.entity;
    if (values && 'phone' in values) values.phoneLast4 = phoneLast4(values.phone as string | null);
  }
}
