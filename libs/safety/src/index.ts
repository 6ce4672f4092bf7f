export * from './safety.module';
export * from './safety.service';
export * from './safety-kpi.service';
export * from './safety-incident.entity';
export * from './incident-state';
export * from './safety.mapper';
export * from './dto/incident.dto';
