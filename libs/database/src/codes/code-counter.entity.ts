import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per estate, code scope (`WO`, `CP`, `RC` …) and year: the last number handed out. */
@Entity('code_counters')
export class CodeCounter {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  estateId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  scope: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  value: number;
}
