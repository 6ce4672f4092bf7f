import { expect, type APIRequestContext } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { apiAs } from './people';

interface Resident {
  id: string;
  name: string;
  phone?: string | null;
  unitId: string;
  unitLabel?: string | null;
  moveOutDate?: string | null;
}

/** A valid 8×8 PNG (one colour), built here so the test needs no fixture file. */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: 8 }, () => [9, 88, 217]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: 8 }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A SUNSHINE resident living there today, with their phone in full (the list masks it). */
export async function sunshineResident(request: APIRequestContext) {
  const desk = await apiAs(request, 'manager');
  const estates = await desk.get<{ items: { id: string; code: string }[] }>('/estates?pageSize=100');
  const estate = estates.items.find((item) => item.code === 'SUNSHINE');
  expect(estate, 'the demo estate').toBeTruthy();
  const residents = await desk.get<{ items: Resident[] }>(`/residents?estateId=${estate?.id}&pageSize=100`);
  const candidate = residents.items.find((resident) => resident.phone && !resident.moveOutDate);
  expect(candidate, 'a resident with a phone').toBeTruthy();
  const resident = await desk.get<Resident>(`/residents/${candidate?.id}`);
  return { desk, estateId: estate?.id ?? '', resident: { ...resident, phone: resident.phone ?? '' } };
}
