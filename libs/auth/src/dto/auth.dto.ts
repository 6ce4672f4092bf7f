import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsId, IsText, UUID_PATTERN, Optional } from '@estate/shared';
import { ROLES, Role } from '../roles';

export class LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  username: string;

  @ApiProperty({ example: 'demo1234', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Masked in lists: 138****5678' }) phone:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) unitId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String], description: 'Estates the user belongs to (admins see all estates)' })
  estateIds: string[];
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'JWT bearer token: send as Authorization: Bearer <token>' })
  accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}

const PASSWORD_RULES =
  "At least 8 characters and not easy to guess: not a common password (even with digits or symbols added), not one character or a run (12345678, abcdefgh), not a keyboard row, not containing the username or the person's name — otherwise 422 PASSWORD_TOO_WEAK with details.reason";

const USERNAME = /^[A-Za-z0-9._-]{3,60}$/;

export class CreateUserRequest {
  @ApiProperty({
    example: 'tech2',
    description: '3–60 letters, digits, dot, dash or underscore; case-insensitive',
  })
  @Matches(USERNAME, { message: 'username must be 3–60 letters, digits, dots, dashes or underscores' })
  username: string;

  @IsText({ max: 100, example: '王师傅' })
  displayName: string;

  @ApiProperty({
    minLength: 8,
    format: 'password',
    description: PASSWORD_RULES,
  })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @IsText({ optional: true, max: 30, example: '13812345678' })
  phone?: string;

  @IsId({ optional: true, description: 'For residents: their own unit' })
  unitId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Estates the user belongs to' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(UUID_PATTERN, { each: true, message: 'each estate id must be a UUID' })
  estateIds?: string[];
}

export class UpdateUserRequest {
  @IsText({ optional: true, max: 100 })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES)
  role?: Role;

  @IsText({ optional: true, nullable: true, max: 30 })
  phone?: string | null;

  @ApiPropertyOptional()
  @Optional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    minLength: 8,
    format: 'password',
    description: `Sets a new password and signs the user out everywhere. ${PASSWORD_RULES}`,
  })
  @Optional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;

  @IsId({ optional: true, nullable: true })
  unitId?: string | null;
}

export class MembershipRequest {
  @IsId()
  estateId: string;
}

export class ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, format: 'password', description: PASSWORD_RULES })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  newPassword: string;
}
