import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Which ways of signing in are on, for the sign-in page. */
export class AuthMethodsDto {
  @ApiProperty({ description: 'Local sign-in with username and password (LOCAL_LOGIN)' })
  local: boolean;

  @ApiProperty({ description: "Single sign-on with the organisation's identity provider (OIDC)" })
  oidc: boolean;
}

export class OidcStartQuery {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'A path inside Värn to open after signing in (anything else means "/")',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnUrl?: string;
}
