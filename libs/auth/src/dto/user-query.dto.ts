import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsId, IsText, PaginationQuery, Optional } from '@estate/shared';
import { ROLES, Role } from '../roles';

export class UserQuery extends PaginationQuery {
  @IsId({ optional: true })
  estateId?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @IsText({ optional: true, max: 60, description: 'Search username or display name' })
  q?: string;
}
