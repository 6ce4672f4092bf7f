export * from './staff.module';
export * from './staff.service';
export * from './staff-compliance.service';
export * from './staff.entity';
export * from './staff-rules';
export * from './staff.mapper';
export * from './dto/staff.dto';
