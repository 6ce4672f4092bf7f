import { Building, Estate, Resident, Unit } from '@estate/estates';
import { baseColumns } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { insertChunked } from './database';

/** A deterministic pseudo-random generator (mulberry32), so every run seeds the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted choices: `pick(rnd, [['a', 3], ['b', 1]])`. */
export function pick<T>(rnd: () => number, choices: [T, number][]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rnd() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1][0];
}

export async function seedEstate(manager: EntityManager, code: string, name: string): Promise<Estate> {
  const estate = manager.create(Estate, {
    ...baseColumns(),
    code,
    name,
    address: null,
    timeZone: 'Asia/Shanghai',
    settings: null,
    active: true,
  });
  await manager.insert(Estate, estate);
  return estate;
}

/**
 * `buildings` buildings with `unitsPerBuilding` residential units each (areas 60–180 m²), and — when
 * `residents` — one owner per unit who moved in on a date in 2015–2024 (so billing runs pro-rate
 * nothing). Multi-row INSERTs of 1000 rows.
 */
export async function seedUnits(
  manager: EntityManager,
  estate: Estate,
  options: { buildings: number; unitsPerBuilding: number; residents?: boolean; seed?: number },
): Promise<Unit[]> {
  const rnd = random(options.seed ?? 1);
  const buildings = Array.from({ length: options.buildings }, (_, index) =>
    manager.create(Building, {
      ...baseColumns(),
      estateId: estate.id,
      number: `${index + 1}`,
      name: `${index + 1}号楼`,
      floors: 30,
      floorAreaHundredths: null,
    }),
  );
  await insertChunked(manager, Building, buildings);
  const units: Unit[] = [];
  for (const building of buildings)
    for (let index = 0; index < options.unitsPerBuilding; index++) {
      const floor = Math.floor(index / 4) + 1;
      units.push(
        manager.create(Unit, {
          ...baseColumns(),
          estateId: estate.id,
          buildingId: building.id,
          number: `${floor}${String((index % 4) + 1).padStart(2, '0')}`,
          floor,
          floorAreaHundredths: 6000 + Math.floor(rnd() * 12000),
          type: 'residential',
        }),
      );
    }
  await insertChunked(manager, Unit, units);
  if (options.residents) {
    const residents = units.map((unit, index) =>
      manager.create(Resident, {
        ...baseColumns(),
        estateId: estate.id,
        unitId: unit.id,
        name: `业主${index + 1}`,
        phone: `138${String(10000000 + index).slice(-8)}`,
        relation: 'owner',
        moveInDate: `${2015 + Math.floor(rnd() * 10)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        moveOutDate: null,
      }),
    );
    await insertChunked(manager, Resident, residents);
  }
  return units;
}
