import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionService } from '@estate/database';
import { EnvironmentVariables, UnprocessableError } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { ReportFile, ReportFormat } from './report.entities';

export interface ReportFileContent {
  format: ReportFormat;
  contentType: string;
  fileName: string;
  bytes: Buffer;
}

/**
 * Where report bytes live. One interface so a deployment can move them to a directory or an object
 * store; the default keeps them in the database (portable, backed up with everything else). `save`
 * runs inside the caller's transaction, so the files and the report's `ready` status commit together.
 */
export interface ReportFileStore {
  save(manager: EntityManager, reportId: string, files: ReportFileContent[]): Promise<ReportFile[]>;
  read(reportId: string, format: ReportFormat): Promise<{ file: ReportFile; bytes: Buffer } | null>;
}

export const REPORT_FILE_STORE = Symbol('REPORT_FILE_STORE');

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Bytes in `report_files.content` (longblob on MySQL, blob on SQLite), size-checked against REPORT_MAX_BYTES. */
@Injectable()
export class DatabaseReportFileStore implements ReportFileStore {
  constructor(
    private readonly transactions: TransactionService,
    private readonly config: EnvironmentVariables,
  ) {}

  async save(manager: EntityManager, reportId: string, files: ReportFileContent[]): Promise<ReportFile[]> {
    const limit = this.config.REPORT_MAX_BYTES;
    for (const file of files)
      if (file.bytes.length > limit)
        throw new UnprocessableError(
          'REPORT_TOO_LARGE',
          `The ${file.format} file is ${file.bytes.length} bytes, over the storage limit of ${limit} bytes (REPORT_MAX_BYTES)`,
        );
    const saved: ReportFile[] = [];
    for (const file of files)
      saved.push(
        await manager.save(
          manager.create(ReportFile, {
            reportId,
            format: file.format,
            contentType: file.contentType,
            fileName: file.fileName,
            sizeBytes: file.bytes.length,
            sha256: sha256Of(file.bytes),
            content: file.bytes,
          }),
        ),
      );
    return saved;
  }

  async read(reportId: string, format: ReportFormat): Promise<{ file: ReportFile; bytes: Buffer } | null> {
    const file = await this.transactions.dataSource.manager
      .createQueryBuilder(ReportFile, 'file')
      .addSelect('file.content')
      .where('file.report_id = :reportId AND file.format = :format', { reportId, format })
      .getOne();
    if (!file) return null;
    return { file, bytes: Buffer.from(file.content) };
  }
}
