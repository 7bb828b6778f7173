import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { UNIT_KINDS, UnitKind } from '../entities/org-unit.entity';

export class UnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind: UnitKind;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty() depth: number;
  @ApiProperty() active: boolean;
}

const NAME = /^[^\u0000-\u001f<>]+$/u;
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

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

export class UpdateUnitDto {
  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(NAME, { message: 'name får inte innehålla styrtecken eller < >' })
  name?: string;

  @ApiProperty({ required: false, enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiProperty({ required: false, description: 'New parent (moves the unit and its subtree)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}
