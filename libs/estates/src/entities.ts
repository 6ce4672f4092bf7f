import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, BigIntegerColumn, IdColumn, LocalDateColumn } from '@estate/shared';
import type { EstateSettingsOverrides } from './estate-settings';

export const UNIT_TYPES = ['residential', 'commercial', 'parking'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const RESIDENT_RELATIONS = ['owner', 'tenant', 'family'] as const;
export type ResidentRelation = (typeof RESIDENT_RELATIONS)[number];

/** A residential estate (小区/项目) run by the company. */
@Entity('estates')
export class Estate extends BaseEntity {
  /** Short unique code, upper-case (`SUNSHINE`). */
  @Column({ type: 'varchar', length: 30, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  /** IANA zone; "a month" for this estate is that calendar month in this zone. */
  @Column({ type: 'varchar', length: 60 })
  timeZone: string;

  @Column({ type: 'simple-json', nullable: true })
  settings: EstateSettingsOverrides | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

@Entity('buildings')
@Index('uq_buildings_estate_number', ['estateId', 'number'], { unique: true })
export class Building extends BaseEntity {
  @IdColumn()
  estateId: string;

  /** Building number as people say it (`3`, `A2`); unique in the estate. */
  @Column({ type: 'varchar', length: 30 })
  number: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'int', nullable: true })
  floors: number | null;

  /** Gross floor area in hundredths of a m² (exact). */
  @BigIntegerColumn({ nullable: true })
  floorAreaHundredths: number | null;
}

@Entity('units')
@Index('uq_units_building_number', ['buildingId', 'number'], { unique: true })
@Index('ix_units_estate_type', ['estateId', 'type'])
@Index('ix_units_estate_number', ['estateId', 'number'])
export class Unit extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  buildingId: string;

  /** Unit number in the building (`1502`); unique in the building. */
  @Column({ type: 'varchar', length: 30 })
  number: string;

  @Column({ type: 'int', nullable: true })
  floor: number | null;

  /** Floor area in hundredths of a m²: 89.50 m² is 8950. Fees per m² are computed from this exactly. */
  @BigIntegerColumn()
  floorAreaHundredths: number;

  @Column({ type: 'varchar', length: 20 })
  type: UnitType;
}

/** A person living in (or owning) a unit over a span of dates. Occupancy is derived from these. */
@Entity('residents')
@Index('ix_residents_estate_dates_unit', ['estateId', 'moveInDate', 'moveOutDate', 'unitId'])
@Index('ix_residents_unit_dates', ['unitId', 'moveInDate', 'moveOutDate'])
@Index('ix_residents_estate_phone_last4', ['estateId', 'phoneLast4'])
export class Resident extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  unitId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  /**
   * The last four digits of `phone` (null without four digits), for the caller lookup's index. Set by
   * ResidentPhoneSubscriber on every insert and update, whatever the writer (registry, import, seeds).
   */
  @Column({ type: 'varchar', length: 4, nullable: true })
  phoneLast4: string | null;

  @Column({ type: 'varchar', length: 20 })
  relation: ResidentRelation;

  /** Local date, inclusive. */
  @LocalDateColumn()
  moveInDate: string;

  /** Local date, exclusive (the day they left); null while they live there. */
  @LocalDateColumn({ nullable: true })
  moveOutDate: string | null;
}

export const ESTATE_ENTITIES = [Estate, Building, Unit, Resident];
