import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import {
  ROLES,
  SECOND_FACTOR_STATES,
  type Role,
  type SecondFactorState,
} from '../../core/authz/roles';

export class LoginDto {
  @ApiProperty({ maxLength: 64 })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword: string;
}

export class UnitRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class MyRoleDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() unitId: string;
  @ApiProperty() unitName: string;
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: UnitRefDto }) unit: UnitRefDto;
  @ApiProperty({ type: [MyRoleDto] }) roles: MyRoleDto[];
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({
    enum: SECOND_FACTOR_STATES,
    description:
      'enrol: must register an authenticator app before anything else; pending: must give a code; done: given; not_required: no role needs one',
  })
  secondFactor: SecondFactorState;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The sign-in before the current one (so the user can spot a sign-in that was not theirs)',
  })
  lastLoginAt: string | null;
  @ApiProperty() sessionExpiresAt: string;
  @ApiProperty() sessionIdleMinutes: number;
}

export class SessionDto {
  @ApiProperty() id: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() lastSeenAt: string;
  @ApiProperty() authMethod: string;
  @ApiProperty() current: boolean;
}

export class AbilitiesDto {
  @ApiProperty({
    description: 'CASL rules packed with packRules() from @casl/ability/extra',
    type: 'array',
    items: { type: 'array', items: {} },
  })
  rules: unknown[];
}
