import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../core/authz/roles';

export class RoleAssignmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() createdAt: string;
}

export class UserSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() active: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: String, nullable: true }) lastLoginAt: string | null;
}

export class UserDetailDto extends UserSummaryDto {
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lockedUntil: string | null;
  @ApiProperty({ description: 'Has a confirmed second factor (authenticator app)' })
  secondFactorEnrolled: boolean;
  @ApiProperty({ type: [RoleAssignmentDto] }) roleAssignments: RoleAssignmentDto[];
}

export class UserPageDto {
  @ApiProperty({ type: [UserSummaryDto] }) items: UserSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const NAME = /^[^\u0000-\u001f<>]+$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ListUsersQuery {
  @ApiProperty({ required: false, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(trim)
  q?: string;

  @ApiProperty({ required: false, description: 'Unit; includes its subtree' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false, enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiProperty({ required: false, enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }: { value: unknown }): unknown =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  active?: boolean;

  @ApiProperty({ required: false, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class CreateUserDto {
  @ApiProperty({ description: 'Lower-case letters, digits, . _ -; 2–64 characters' })
  @Transform(({ value }: { value: unknown }): unknown =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsString()
  @Matches(USERNAME, { message: 'username: 2–64 tecken, små bokstäver a–z, siffror och . _ -' })
  username: string;

  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NAME, { message: 'displayName får inte innehålla styrtecken eller < >' })
  displayName: string;

  @ApiProperty({ required: false, maxLength: 254 })
  @IsOptional()
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty()
  @IsUUID()
  unitId: string;

  @ApiProperty({ description: 'Temporary password; the user must change it at first sign-in' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  initialPassword: string;
}

/**
 * May be left out, but not sent as null: `@IsOptional()` would skip validation for null too, and
 * a null name, unit or status must be a 400, not a failed database write.
 */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);

export class UpdateUserDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NAME, { message: 'displayName får inte innehålla styrtecken eller < >' })
  displayName?: string;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ required: false })
  @Optional()
  @IsUUID()
  unitId?: string;

  @ApiProperty({ required: false })
  @Optional()
  @IsBoolean()
  active?: boolean;
}

export class SetPasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class GrantRoleDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ description: 'Root of the subtree the role applies to' })
  @IsUUID()
  unitId: string;
}
