import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Names this process in job leases and the ledger: `host:pid:random`. */
@Injectable()
export class InstanceIdentity {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
