export * from './complaints.module';
export * from './complaints.service';
export * from './complaint.entity';
export * from './complaint-state';
export * from './complaint.mapper';
export * from './dto/complaint.dto';
