export * from './attachments.module';
export * from './attachments.service';
export * from './attachment.entity';
export * from './attachment-type';
export * from './attachment-file';
