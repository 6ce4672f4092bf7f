import type { ZoneType } from '@estate/cleaning';

/**
 * Place names of a generated estate, derived from its buildings so that zones, checkpoints, assets
 * and incidents only name buildings that exist ("3号楼 消防通道", "2号楼 1单元 1号电梯"). Each
 * building has two 单元 (entrances), each with two lifts. Pure functions of the building count and an
 * index: no randomness, so the rows' other values are unaffected.
 */

const SIDES = ['东侧', '南侧', '西侧', '北侧'];

/** Common areas every estate has, before the buildings' own. */
const COMMON_ZONES: [string, ZoneType][] = [
  ['地下车库 B1', 'car_park'],
  ['地下车库 B2', 'car_park'],
  ['中心花园', 'green'],
  ['东门广场', 'square'],
  ['南门入口', 'road'],
  ['小区主干道', 'road'],
  ['北区绿化带', 'green'],
  ['垃圾分类收集点', 'garbage_point'],
];
const BUILDING_ZONES: [string, ZoneType][] = [
  ['大堂', 'lobby'],
  ['楼梯间', 'stairwell'],
  ['电梯轿厢', 'elevator'],
  ['走廊', 'corridor'],
];

/** Up to `count` cleaning zones: the common areas, then each building's lobby, stairs, lifts, corridors. */
export function zoneNames(buildings: number, count: number): { name: string; type: ZoneType }[] {
  const zones = COMMON_ZONES.map(([name, type]) => ({ name, type }));
  for (const [part, type] of BUILDING_ZONES)
    for (let b = 1; b <= buildings; b++) zones.push({ name: `${b}号楼 ${part}`, type });
  return zones.slice(0, count);
}

const COMMON_CHECKPOINTS: [string, string][] = [
  ['东门岗亭', '小区东门'],
  ['地下车库 B1', '车库入口坡道'],
  ['中心花园', '花园凉亭旁'],
  ['南门', '南门人行通道'],
];

/**
 * `count` patrol checkpoints: the gates, car park and garden, then each building's entrance and fire
 * escape (building by building), then (on a large estate) the roofs — never a building that does not
 * exist. Fewer when the estate has fewer places.
 */
export function checkpointNames(buildings: number, count: number): { name: string; location: string }[] {
  const points = COMMON_CHECKPOINTS.map(([name, location]) => ({ name, location }));
  for (let b = 1; b <= buildings; b++)
    points.push(
      { name: `${b}号楼 入口`, location: `${b}号楼 1单元门厅` },
      { name: `${b}号楼 消防通道`, location: `${b}号楼 一层${SIDES[b % 4]}` },
    );
  for (let b = 1; b <= buildings; b++) points.push({ name: `${b}号楼 天台`, location: `${b}号楼 顶层` });
  return points.slice(0, count);
}

/** How many checkpoints an estate gets: one per ~250 units, and at least its gates and buildings (up to 14). */
export function checkpointCount(units: number, buildings: number): number {
  return Math.max(Math.round(units / 250), Math.min(COMMON_CHECKPOINTS.length + 2 * buildings, 14));
}

const GREEN = ['中心花园', '北区绿化带', '东门绿地', '南门绿地', '儿童乐园', '水景园'];
const ROADS = ['小区主干道', '东环路', '西环路', '南门路', '北区支路'];
const PARKS = [
  '地下车库 B1',
  '地下车库 B2',
  '地面停车场 东区',
  '地面停车场 西区',
  '访客停车场',
  '非机动车棚',
];

/** An asset's Chinese name and location, by category code and its index within the category. */
export function assetName(
  categoryCode: string,
  index: number,
  buildings: number,
): { name: string; location: string } {
  const n = index + 1;
  const building = (index % buildings) + 1;
  const side = SIDES[Math.floor(index / buildings) % 4];
  const near = `${building}号楼${side}`;
  const serial = (prefix: string) => `${prefix}-${String(n).padStart(3, '0')}`;
  switch (categoryCode) {
    case 'building':
      return { name: `${n}号楼`, location: `${n}号楼` };
    case 'green_area': {
      const area = GREEN[index % GREEN.length];
      return { name: `${area} 绿地 ${Math.floor(index / GREEN.length) + 1}区`, location: area };
    }
    case 'road_section': {
      const road = ROADS[index % ROADS.length];
      return { name: `${road} 第${Math.floor(index / ROADS.length) + 1}段`, location: road };
    }
    case 'rainwater_well':
      return { name: `雨水井 ${serial('YS')}`, location: near };
    case 'drain_pipe':
      return { name: `排水管 ${serial('PS')}`, location: near };
    case 'street_light':
      return { name: `路灯 ${serial('LD')}`, location: index % 3 === 0 ? ROADS[index % ROADS.length] : near };
    case 'car_park': {
      const park = PARKS[index % PARKS.length];
      return {
        name: index < PARKS.length ? park : `${park} ${Math.floor(index / PARKS.length) + 1}`,
        location: park,
      };
    }
    case 'fitness_equipment':
      return { name: `健身器材 ${serial('JS')}`, location: index % 2 === 0 ? '中心花园' : '北区绿化带' };
    case 'fire_hydrant':
      return { name: `消防栓 ${near}${Math.floor(index / (buildings * 4)) + 1}号`, location: near };
    case 'elevator': {
      // Two entrances a building, two lifts each.
      const liftBuilding = (Math.floor(index / 4) % buildings) + 1;
      const entrance = (Math.floor(index / 2) % 2) + 1;
      const lift = (index % 2) + 1;
      return {
        name: `${liftBuilding}号楼 ${entrance}单元 ${lift}号电梯`,
        location: `${liftBuilding}号楼 ${entrance}单元`,
      };
    }
    default:
      return { name: `${categoryCode} ${n}`, location: near };
  }
}
