export * from './cleaning.module';
export * from './cleaning.service';
export * from './cleaning-kpi.service';
export * from './cleaning.entities';
export * from './cleaning-schedule';
export * from './inspection-follow-up-state';
export * from './cleaning.mapper';
export * from './dto/cleaning.dto';
