import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { enumDescription, IsId, IsPeriod, PaginationQuery, Optional } from '@estate/shared';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  REPORT_LOCALES,
  REPORT_ORIGINS,
  REPORT_STATUSES,
  ReportFormat,
  ReportLocale,
} from '../report.entities';

const FORMATS_DESCRIPTION = enumDescription('', {
  pdf: 'the signed-off report document (PDF)',
  xlsx: 'the figures as an Excel workbook',
});
const LOCALES_DESCRIPTION = enumDescription('Language of the report', {
  'zh-CN': 'Simplified Chinese (简体中文)',
  en: 'English',
});

export class CreateMonthlyReportRequest {
  @IsId() estateId: string;
  @IsPeriod() period: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    isArray: true,
    default: ['pdf', 'xlsx'],
    description: FORMATS_DESCRIPTION,
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(REPORT_FORMATS, { each: true })
  formats: ReportFormat[] = ['pdf', 'xlsx'];

  @ApiPropertyOptional({ enum: REPORT_LOCALES, default: 'zh-CN', description: LOCALES_DESCRIPTION })
  @Optional()
  @IsIn(REPORT_LOCALES)
  locale: ReportLocale = 'zh-CN';
}

export class ReportQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsPeriod({ optional: true }) period?: string;
}

export class PortfolioReportQuery {
  @IsPeriod() period: string;
  @ApiPropertyOptional({ enum: REPORT_LOCALES, default: 'zh-CN', description: LOCALES_DESCRIPTION })
  @Optional()
  @IsIn(REPORT_LOCALES)
  locale: ReportLocale = 'zh-CN';
}

export class ReportFileResponse {
  @ApiProperty({ enum: REPORT_FORMATS, description: FORMATS_DESCRIPTION }) format: string;
  @ApiProperty() contentType: string;
  @ApiProperty() fileName: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'hex SHA-256 of the stored bytes' }) sha256: string;
  @ApiProperty({ description: 'GET this path to download the file' }) downloadPath: string;
}

export class MonthlyReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ enum: REPORT_LOCALES, description: LOCALES_DESCRIPTION }) locale: string;
  @ApiProperty({ enum: REPORT_FORMATS, isArray: true, description: FORMATS_DESCRIPTION }) formats: string[];
  @ApiProperty({ enum: REPORT_STATUSES }) status: string;
  @ApiProperty({ enum: REPORT_KINDS, description: 'final: made from the closed KPI snapshot, immutable' })
  kind: string;
  @ApiProperty({ enum: REPORT_ORIGINS }) origin: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why a generation failed' }) error:
    string | null;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) generatedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['live', 'snapshot'],
    description: enumDescription('Where the scorecard came from; null until generated', {
      live: 'computed at generation from the records (a draft of an open month)',
      snapshot: "the closed month's stored scorecard",
    }),
  })
  scorecardSource: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) snapshotVersion: number | null;
  @ApiProperty({ type: [ReportFileResponse] }) files: ReportFileResponse[];
  @ApiProperty({ type: [String], description: 'what can be done with it now (download, finalize)' })
  allowedActions: string[];
}
