import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A TOTP code from the app: six digits (spaces allowed, they are ignored). */
export class TotpCodeDto {
  @ApiProperty({ maxLength: 12, example: '123456' })
  @IsString()
  @MinLength(1)
  @MaxLength(12)
  code: string;
}

/** The second step of signing in: a code from the app, or one of the recovery codes. */
export class VerifySecondFactorDto {
  @ApiPropertyOptional({ maxLength: 12, example: '123456' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(12)
  code?: string;

  @ApiPropertyOptional({ maxLength: 20, example: 'ACDEF-GH347' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  recoveryCode?: string;
}

export class EnrolmentDto {
  @ApiProperty({ description: 'The shared secret, base32 in groups of four (to type by hand)' })
  secret: string;
  @ApiProperty({ description: 'otpauth://totp/… for authenticator apps' })
  otpauthUri: string;
  @ApiProperty({ description: 'The otpauth URI as a QR code: data:image/svg+xml;base64,…' })
  qrDataUrl: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Shown once; each can be used once' })
  recoveryCodes: string[];
}

export class SecondFactorStatusDto {
  @ApiProperty({ enum: ['enrol', 'pending', 'done', 'not_required'] })
  state: 'enrol' | 'pending' | 'done' | 'not_required';
  @ApiProperty() enrolled: boolean;
  @ApiProperty({ type: String, nullable: true }) enrolledAt: string | null;
  @ApiProperty() recoveryCodesLeft: number;
}
