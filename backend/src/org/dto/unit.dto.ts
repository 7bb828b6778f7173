import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../entities/org-unit.entity';

export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  /**
   * Materialised path `/rootId/…/id/`. Abilities express a scope as a path prefix, so the UI
   * needs the path to check a unit (or a person or role in it) against the packed rules.
   */
  @ApiProperty({ example: '/5d0c…/9a1e…/' })
  path: string;
  @ApiProperty() depth: number;
  @ApiProperty() active: boolean;
}

const NAME = /^[^\u0000-\u001f<>]+$/u;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class CreateUnitDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NAME, { message: 'name får inte innehålla styrtecken eller < >' })
  name: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;

  @ApiProperty()
  @IsUUID()
  parentId: string;
}

/**
 * May be left out, but not sent as null: `@IsOptional()` would skip validation for null too, and
 * a null name, kind or parent must be a 400, not a failed database write.
 */
const Optional = () => ValidateIf((_: object, v: unknown) => v !== undefined);

export class UpdateUnitDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @Optional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NAME, { message: 'name får inte innehålla styrtecken eller < >' })
  name?: string;

  @ApiProperty({ required: false, enum: UNIT_KINDS })
  @Optional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiProperty({ required: false, description: 'New parent (moves the unit and its subtree)' })
  @Optional()
  @IsUUID()
  parentId?: string;
}
